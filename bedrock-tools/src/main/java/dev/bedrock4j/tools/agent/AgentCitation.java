package dev.bedrock4j.tools.agent;

import dev.bedrock4j.core.chat.Citation;
import java.util.List;
import java.util.Objects;

/**
 * A part of a Bedrock Agent's answer and the retrieved passages that support it.
 *
 * <pre>{@code
 * for (AgentCitation citation : reply.citations()) {
 *     System.out.println(citation.text() + " <- " + citation.references().get(0).source());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param text the cited part of the answer
 * @param start where the part starts in the answer chunk, as the service counts it
 * @param end where the part ends in the answer chunk
 * @param references the passages cited: their text, their source (a URI or id) and their location as JSON
 */
public record AgentCitation(String text, int start, int end, List<Citation> references) {
    /**
     * Validates and copies the components.
     *
     * @param text the cited text
     * @param start the start
     * @param end the end
     * @param references the passages
     */
    public AgentCitation {
        Objects.requireNonNull(text, "text");
        references = List.copyOf(references);
    }
}
