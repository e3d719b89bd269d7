package dev.bedrock4j.rag.store;

import java.util.Map;
import java.util.Objects;

/**
 * One hit of a vector search: the stored entry and how similar it is to the query.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the entry's id
 * @param score the cosine similarity to the query, from -1 to 1; higher is closer
 * @param text the entry's text
 * @param metadata the entry's metadata
 */
public record SearchResult(String id, double score, String text, Map<String, String> metadata) {
    /**
     * Validates and copies the components.
     *
     * @param id the id
     * @param score the score
     * @param text the text
     * @param metadata the metadata
     */
    public SearchResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(metadata);
    }
}
