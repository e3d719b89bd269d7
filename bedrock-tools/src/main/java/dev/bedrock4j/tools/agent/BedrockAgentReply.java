package dev.bedrock4j.tools.agent;

import dev.bedrock4j.tools.Step;
import java.util.List;
import java.util.Objects;

/**
 * A Bedrock Agent's answer to one invocation: the text as it was streamed, the citations, the trace
 * events, and the calls of your local tools that the agent asked for along the way (return of control).
 *
 * <pre>{@code
 * BedrockAgentReply reply = session.invoke("What is our refund policy?");
 * System.out.println(reply.text());
 * reply.citations().forEach(c -> System.out.println("  source: " + c.references()));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sessionId the session the agent answered in
 * @param chunks the answer's pieces, in the order they arrived
 * @param citations the parts of the answer backed by retrieved passages
 * @param traces the agent's trace events, in order
 * @param toolCalls the local tool calls made for the agent, with inputs, results and timing
 */
public record BedrockAgentReply(String sessionId, List<String> chunks, List<AgentCitation> citations,
                                List<AgentTrace> traces, List<Step.ToolCall> toolCalls) {
    /**
     * Validates and copies the components.
     *
     * @param sessionId the session id
     * @param chunks the answer's pieces
     * @param citations the citations
     * @param traces the trace events
     * @param toolCalls the local tool calls
     */
    public BedrockAgentReply {
        Objects.requireNonNull(sessionId, "sessionId");
        chunks = List.copyOf(chunks);
        citations = List.copyOf(citations);
        traces = List.copyOf(traces);
        toolCalls = List.copyOf(toolCalls);
    }

    /**
     * The whole answer.
     *
     * @return the chunks joined
     */
    public String text() {
        return String.join("", chunks);
    }

    /** Counts only; the answer may hold personal data. */
    @Override
    public String toString() {
        return "BedrockAgentReply[session=" + sessionId + ", chunks=" + chunks.size() + ", citations=" + citations.size()
                + ", traces=" + traces.size() + ", toolCalls=" + toolCalls.size() + "]";
    }
}
