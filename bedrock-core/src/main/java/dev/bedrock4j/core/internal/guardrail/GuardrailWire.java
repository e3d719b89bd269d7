package dev.bedrock4j.core.internal.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.guardrail.GuardrailAssessment;
import dev.bedrock4j.core.guardrail.GuardrailResult;
import dev.bedrock4j.core.guardrail.GuardrailTrace;
import dev.bedrock4j.core.guardrail.GuardrailUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads guardrail assessments from the JSON Bedrock puts on the wire (bedrock-runtime service model 2023-09-30:
 * {@code ApplyGuardrailResponse}, {@code GuardrailAssessment}, {@code GuardrailTraceAssessment}). Members the model
 * marks optional may be absent; unknown members are ignored, so newer policies do not break older readers.
 * Thread-safe: stateless.
 */
public final class GuardrailWire {
    private GuardrailWire() {
    }

    /** An {@code ApplyGuardrailResponse} body. */
    public static GuardrailResult result(JsonNode body) {
        GuardrailResult.Action action = body.path("action").asText("NONE").equals("GUARDRAIL_INTERVENED")
                ? GuardrailResult.Action.INTERVENED : GuardrailResult.Action.NONE;
        List<String> outputs = new ArrayList<>();
        for (JsonNode output : body.path("outputs")) {
            outputs.add(output.path("text").asText(""));
        }
        List<GuardrailAssessment> assessments = new ArrayList<>();
        for (JsonNode assessment : body.path("assessments")) {
            assessments.add(assessment(assessment));
        }
        return new GuardrailResult(action, body.path("actionReason").asText(""), outputs, assessments, usage(body.path("usage")));
    }

    /** A {@code GuardrailTraceAssessment}, the {@code trace.guardrail} of a Converse response or stream. */
    public static GuardrailTrace trace(JsonNode trace) {
        Map<String, GuardrailAssessment> input = new LinkedHashMap<>();
        trace.path("inputAssessment").fields().forEachRemaining(e -> input.put(e.getKey(), assessment(e.getValue())));
        Map<String, List<GuardrailAssessment>> output = new LinkedHashMap<>();
        trace.path("outputAssessments").fields().forEachRemaining(e -> {
            List<GuardrailAssessment> list = new ArrayList<>();
            e.getValue().forEach(a -> list.add(assessment(a)));
            output.put(e.getKey(), list);
        });
        List<String> modelOutputs = new ArrayList<>();
        trace.path("modelOutput").forEach(o -> modelOutputs.add(o.asText("")));
        return new GuardrailTrace(input, output, modelOutputs, trace.path("actionReason").asText(""));
    }

    /** One {@code GuardrailAssessment}. */
    public static GuardrailAssessment assessment(JsonNode a) {
        List<GuardrailAssessment.Topic> topics = new ArrayList<>();
        for (JsonNode t : a.path("topicPolicy").path("topics")) {
            topics.add(new GuardrailAssessment.Topic(t.path("name").asText(""), action(t), detected(t)));
        }
        List<GuardrailAssessment.ContentFilter> filters = new ArrayList<>();
        for (JsonNode f : a.path("contentPolicy").path("filters")) {
            filters.add(new GuardrailAssessment.ContentFilter(f.path("type").asText(""), f.path("confidence").asText("NONE"),
                    f.path("filterStrength").asText(""), action(f), detected(f)));
        }
        List<GuardrailAssessment.Word> words = new ArrayList<>();
        for (JsonNode w : a.path("wordPolicy").path("customWords")) {
            words.add(new GuardrailAssessment.Word(w.path("match").asText(""), "", action(w), detected(w)));
        }
        for (JsonNode w : a.path("wordPolicy").path("managedWordLists")) {
            words.add(new GuardrailAssessment.Word(w.path("match").asText(""), w.path("type").asText("PROFANITY"), action(w),
                    detected(w)));
        }
        List<GuardrailAssessment.SensitiveInformation> sensitive = new ArrayList<>();
        for (JsonNode p : a.path("sensitiveInformationPolicy").path("piiEntities")) {
            sensitive.add(new GuardrailAssessment.SensitiveInformation(p.path("type").asText(""), p.path("match").asText(""), "",
                    action(p), detected(p)));
        }
        for (JsonNode r : a.path("sensitiveInformationPolicy").path("regexes")) {
            sensitive.add(new GuardrailAssessment.SensitiveInformation(r.path("name").asText(""), r.path("match").asText(""),
                    r.path("regex").asText(""), action(r), detected(r)));
        }
        List<GuardrailAssessment.Grounding> grounding = new ArrayList<>();
        for (JsonNode g : a.path("contextualGroundingPolicy").path("filters")) {
            grounding.add(new GuardrailAssessment.Grounding(g.path("type").asText(""), g.path("score").asDouble(Double.NaN),
                    g.path("threshold").asDouble(Double.NaN), action(g), detected(g)));
        }
        return new GuardrailAssessment(topics, filters, words, sensitive, grounding);
    }

    static GuardrailUsage usage(JsonNode u) {
        return new GuardrailUsage(u.path("topicPolicyUnits").asInt(), u.path("contentPolicyUnits").asInt(),
                u.path("wordPolicyUnits").asInt(), u.path("sensitiveInformationPolicyUnits").asInt(),
                u.path("sensitiveInformationPolicyFreeUnits").asInt(), u.path("contextualGroundingPolicyUnits").asInt(),
                u.path("contentPolicyImageUnits").asInt());
    }

    private static String action(JsonNode finding) {
        return finding.path("action").asText("NONE");
    }

    // Older responses leave detected out; a finding whose action is not NONE was detected.
    private static boolean detected(JsonNode finding) {
        JsonNode detected = finding.get("detected");
        return detected != null && !detected.isNull() ? detected.asBoolean() : !action(finding).equals("NONE");
    }
}
