package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.spi.JsonSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A guardrail applied by Converse and ConverseStream ({@code guardrailConfig}), as Bedrock applies it
 * (guardrails-use-converse-api.html): the input is assessed first, and blocked input never reaches the model: the
 * answer is the guardrail's blocked-input message with stop reason {@code guardrail_intervened}. Otherwise the model
 * answers and its text is assessed as output; blocked output is replaced by the blocked-output message, masked
 * output by the masked text, both with stop reason {@code guardrail_intervened}. With {@code trace} {@code enabled}
 * (or {@code enabled_full}, which also lists the checks that found nothing) the response carries
 * {@code trace.guardrail}: {@code inputAssessment} and {@code outputAssessments} by guardrail id, and
 * {@code modelOutput} when the output was replaced.
 *
 * <p>The input is the {@code guardContent} blocks of the messages and system prompt when there are any, else the text
 * of every message and system block. An unknown guardrail id or version is refused with Bedrock's
 * {@code ValidationException}. Thread-safe: stateless over the engine's guardrails.
 */
final class ConverseGuardrails {
    private ConverseGuardrails() {
    }

    /**
     * The guarded response, or the model's own when the body has no {@code guardrailConfig}.
     *
     * @param model calls the model; not called when the input is blocked
     */
    static ChatResponse apply(BedrockEngine engine, String modelId, JsonNode body, ChatRequest request,
                              Supplier<ChatResponse> model) {
        JsonNode config = body.path("guardrailConfig");
        if (!config.isObject()) {
            return model.get();
        }
        String identifier = config.path("guardrailIdentifier").asText("");
        String version = config.path("guardrailVersion").asText("");
        if (!GuardrailOperations.IDENTIFIER.matcher(identifier).matches()) {
            throw AnswerException.invalid("1 validation error detected: Value '" + identifier + "' at"
                    + " 'guardrailConfig.guardrailIdentifier' failed to satisfy constraint: Member must satisfy regular"
                    + " expression pattern: " + GuardrailOperations.IDENTIFIER.pattern());
        }
        if (!GuardrailOperations.VERSION.matcher(version).matches()) {
            throw AnswerException.invalid("1 validation error detected: Value '" + version + "' at"
                    + " 'guardrailConfig.guardrailVersion' failed to satisfy constraint: Member must satisfy regular"
                    + " expression pattern: " + GuardrailOperations.VERSION.pattern());
        }
        String trace = config.path("trace").asText("disabled");
        if (!List.of("enabled", "disabled", "enabled_full").contains(trace)) {
            throw AnswerException.invalid("1 validation error detected: Value '" + trace + "' at 'guardrailConfig.trace'"
                    + " failed to satisfy constraint: Member must satisfy enum value set: [enabled, disabled, enabled_full]");
        }
        String id = GuardrailOperations.guardrailId(identifier);
        GuardrailState guardrail = engine.existingGuardrail(id, version);
        if (guardrail == null) {
            throw AnswerException.invalid("The guardrail identifier or version provided in the request does not exist.");
        }
        boolean full = trace.equals("enabled_full");
        boolean traced = !trace.equals("disabled");
        ObjectNode traceJson = JsonSupport.object();

        ObjectNode input = GuardrailOperations.verdict(guardrail, true, full, inputTexts(request));
        traceJson.putObject("inputAssessment").set(id, input.path("assessments").path(0));
        if (blocked(input)) {
            traceJson.put("actionReason", input.path("actionReason").asText());
            ChatResponse.Builder blocked = ChatResponse.builder().modelId(modelId)
                    .text(input.path("outputs").path(0).path("text").asText())
                    .stopReason(StopReason.GUARDRAIL_INTERVENED);
            return (traced ? blocked.guardrailTrace(traceJson) : blocked).build();
        }

        ChatResponse response = model.get();
        ObjectNode output = GuardrailOperations.verdict(guardrail, false, full, List.of(response.text()));
        traceJson.putObject("outputAssessments").putArray(id).add(output.path("assessments").path(0));
        ChatResponse.Builder guarded = response.toBuilder();
        if (output.path("action").asText().equals("GUARDRAIL_INTERVENED")) {
            List<String> outputs = new ArrayList<>();
            output.path("outputs").forEach(o -> outputs.add(o.path("text").asText()));
            traceJson.putArray("modelOutput").add(response.text());
            traceJson.put("actionReason", output.path("actionReason").asText());
            guarded.text(String.join("\n\n", outputs)).stopReason(StopReason.GUARDRAIL_INTERVENED);
        }
        if (traced) {
            guarded.guardrailTrace(traceJson);
        }
        return guarded.build();
    }

    // Input blocked by a policy (masking alone lets the request through to the model).
    private static boolean blocked(ObjectNode verdict) {
        return verdict.path("action").asText().equals("GUARDRAIL_INTERVENED")
                && verdict.path("actionReason").asText().equals("Guardrail blocked.");
    }

    private static List<String> inputTexts(ChatRequest request) {
        List<String> guarded = new ArrayList<>();
        List<String> all = new ArrayList<>();
        List<ContentBlock> blocks = new ArrayList<>(request.system());
        for (Message message : request.messages()) {
            blocks.addAll(message.content());
        }
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.GuardContent guard) {
                guarded.add(guard.text());
            } else if (block instanceof ContentBlock.Text text) {
                all.add(text.text());
            }
        }
        return guarded.isEmpty() ? all : guarded;
    }
}
