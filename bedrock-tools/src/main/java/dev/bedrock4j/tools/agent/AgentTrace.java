package dev.bedrock4j.tools.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One trace event of a Bedrock Agent: what the agent was doing at a step (reasoning, calling an action
 * group, looking up a knowledge base, applying a guardrail, failing).
 *
 * <pre>{@code
 * for (AgentTrace trace : reply.traces()) {
 *     JsonNode rationale = trace.detail().path("rationale").path("text");
 *     if (!rationale.isMissingNode()) {
 *         System.out.println("agent thinks: " + rationale.asText());
 *     }
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param type the kind of trace as the service names it: {@code orchestrationTrace}, {@code preProcessingTrace},
 *     {@code postProcessingTrace}, {@code guardrailTrace}, {@code failureTrace}, {@code routingClassifierTrace},
 *     {@code customOrchestrationTrace}
 * @param eventTime when it happened, or {@code null} when the service did not say
 * @param detail the trace's content as the service sends it
 */
public record AgentTrace(String type, Instant eventTime, JsonNode detail) {
    /**
     * Validates and copies the components.
     *
     * @param type the kind of trace
     * @param eventTime when it happened, or {@code null}
     * @param detail the content
     */
    public AgentTrace {
        Objects.requireNonNull(type, "type");
        detail = Objects.requireNonNull(detail, "detail").deepCopy();
    }

    /**
     * A copy of the content.
     *
     * @return the JSON
     */
    @Override
    public JsonNode detail() {
        return detail.deepCopy();
    }

    /** The kind and time only; the content may hold prompts. */
    @Override
    public String toString() {
        return "AgentTrace[" + type + (eventTime == null ? "" : " at " + eventTime) + "]";
    }
}
