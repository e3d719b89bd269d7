package dev.bedrock4j.rag;

import java.util.Map;
import java.util.Objects;

/**
 * A passage a {@link KnowledgeBase} found for a query: its text, how well it matches, and where it comes from.
 *
 * <pre>{@code
 * for (RetrievedChunk hit : knowledgeBase.retrieve("How many vacation days do I get?")) {
 *     System.out.printf("%.2f %s%n", hit.score(), hit.location().label());
 * }
 * }</pre>
 *
 * <p>Scores rank the hits of one knowledge base; their scale depends on it (cosine similarity from -1 to 1 for
 * a local one, 0 to 1 for Bedrock), so compare them only within one knowledge base.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param text the passage's text
 * @param score how well it matches the query; higher is better
 * @param location where it comes from
 * @param metadata the metadata stored with it
 */
public record RetrievedChunk(String text, double score, SourceLocation location, Map<String, String> metadata) {
    /**
     * Validates and copies the components.
     *
     * @param text the text
     * @param score the score
     * @param location the location
     * @param metadata the metadata
     */
    public RetrievedChunk {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
        metadata = Map.copyOf(metadata);
    }
}
