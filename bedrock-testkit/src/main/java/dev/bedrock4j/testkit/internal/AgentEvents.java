package dev.bedrock4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.AgentReply;
import dev.bedrock4j.testkit.WireEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The InvokeAgent events for an {@link AgentReply}: optional {@code trace} events, then {@code chunk}
 * events (text as base64 {@code bytes}, with an attribution when the reply cites sources) or a
 * {@code returnControl} event. Thread-safe.
 */
public final class AgentEvents {
    private AgentEvents() {
    }

    /**
     * Who is answering, for the trace events.
     *
     * @param agentId the agent id
     * @param agentAliasId the alias id
     * @param sessionId the session id
     * @param enableTrace whether the caller asked for traces
     */
    public record Context(String agentId, String agentAliasId, String sessionId, boolean enableTrace) {
    }

    /**
     * The default answer when nothing is scripted: the results a caller sent back after a return of
     * control, or else an echo of the input text.
     *
     * @param request the InvokeAgent request body
     * @return the reply
     */
    public static AgentReply.Text echo(JsonNode request) {
        JsonNode results = request.path("sessionState").path("returnControlInvocationResults");
        if (results.isArray() && !results.isEmpty()) {
            StringBuilder text = new StringBuilder("Thanks, I received the results:");
            for (JsonNode result : results) {
                JsonNode r = result.has("functionResult") ? result.get("functionResult") : result.path("apiResult");
                String name = r.has("function") ? r.get("function").asText() : r.path("apiPath").asText();
                text.append(' ').append(name).append(" returned ");
                r.path("responseBody").forEach(body -> text.append(body.path("body").asText()));
                text.append('.');
            }
            return AgentReply.text(text.toString());
        }
        return AgentReply.text("You said: " + request.path("inputText").asText());
    }

    /**
     * The events for a reply; a {@link AgentReply.Dynamic} reply must be resolved first.
     *
     * @param reply the reply
     * @param context who answers
     * @param invocation a number that makes return-of-control invocation ids unique
     * @return the events, in order
     */
    public static List<WireEvent> of(AgentReply reply, Context context, int invocation) {
        if (reply instanceof AgentReply.Events events) {
            return events.events();
        }
        List<WireEvent> events = new ArrayList<>();
        if (reply instanceof AgentReply.Text text) {
            if (context.enableTrace()) {
                events.add(trace(context, rationale("The user asked a question; answering it directly.")));
            }
            if (text.references().isEmpty()) {
                TextPieces.split(text.text()).forEach(piece -> events.add(chunk(piece, null)));
            } else {
                events.add(chunk(text.text(), attribution(text)));
            }
            if (context.enableTrace()) {
                ObjectNode observation = JsonSupport.object().put("traceId", "local-trace-observation").put("type", "FINISH");
                observation.putObject("finalResponse").put("text", text.text());
                ObjectNode trace = JsonSupport.object();
                trace.putObject("orchestrationTrace").set("observation", observation);
                events.add(trace(context, trace));
            }
        } else if (reply instanceof AgentReply.ReturnControl control) {
            if (context.enableTrace()) {
                events.add(trace(context, rationale("To answer, I need the result of " + control.function() + ".")));
            }
            ObjectNode payload = JsonSupport.object().put("invocationId", "local-invocation-" + invocation);
            ObjectNode input = payload.putArray("invocationInputs").addObject().putObject("functionInvocationInput");
            input.put("actionGroup", control.actionGroup()).put("function", control.function())
                    .put("actionInvocationType", "RESULT").put("agentId", context.agentId());
            ArrayNode parameters = input.putArray("parameters");
            for (Map.Entry<String, String> p : control.parameters().entrySet()) {
                parameters.addObject().put("name", p.getKey()).put("type", "string").put("value", p.getValue());
            }
            events.add(WireEvent.event("returnControl", payload));
        } else {
            throw new IllegalArgumentException("resolve " + reply.getClass().getSimpleName() + " replies before streaming them");
        }
        return events;
    }

    private static WireEvent chunk(String text, ObjectNode attribution) {
        ObjectNode payload = JsonSupport.object()
                .put("bytes", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        if (attribution != null) {
            payload.set("attribution", attribution);
        }
        return WireEvent.event("chunk", payload);
    }

    private static ObjectNode attribution(AgentReply.Text text) {
        ObjectNode attribution = JsonSupport.object();
        ObjectNode citation = attribution.putArray("citations").addObject();
        ObjectNode part = citation.putObject("generatedResponsePart").putObject("textResponsePart");
        part.put("text", text.text());
        part.putObject("span").put("start", 0).put("end", Math.max(0, text.text().length() - 1));
        ArrayNode references = citation.putArray("retrievedReferences");
        for (AgentReply.Reference reference : text.references()) {
            ObjectNode r = references.addObject();
            r.putObject("content").put("text", reference.text()).put("type", "TEXT");
            r.putObject("location").put("type", "S3").putObject("s3Location").put("uri", reference.s3Uri());
            r.putObject("metadata").put("x-amz-bedrock-kb-source-uri", reference.s3Uri());
        }
        return attribution;
    }

    private static ObjectNode rationale(String text) {
        ObjectNode trace = JsonSupport.object();
        trace.putObject("orchestrationTrace").putObject("rationale").put("text", text).put("traceId", "local-trace-rationale");
        return trace;
    }

    private static WireEvent trace(Context context, ObjectNode trace) {
        ObjectNode payload = JsonSupport.object().put("agentId", context.agentId())
                .put("agentAliasId", context.agentAliasId()).put("agentVersion", "1")
                .put("sessionId", context.sessionId()).put("eventTime", Instant.now().toString());
        payload.set("trace", trace);
        return WireEvent.event("trace", payload);
    }
}
