package dev.bedrock4j.tools.agent;

import java.util.Objects;

/**
 * A passage of text a {@link Retriever} found for a query.
 *
 * <pre>{@code
 * Passage passage = Passage.of("Returns are accepted within 30 days.", "returns-policy.md");
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param text the passage's text
 * @param source where it comes from, such as a file name or URI; empty when unknown
 * @param score how well it matches the query, higher is better; 0 when the retriever does not score
 */
public record Passage(String text, String source, double score) {
    /**
     * Validates the components.
     *
     * @param text the text
     * @param source the source
     * @param score the score
     */
    public Passage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A passage without a score.
     *
     * @param text the text
     * @param source where it comes from
     * @return the passage
     */
    public static Passage of(String text, String source) {
        return new Passage(text, source, 0);
    }
}
