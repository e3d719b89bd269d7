package dev.bedrock4j.rag;

import dev.bedrock4j.rag.store.Filter;
import java.util.Objects;

/**
 * What a retrieval returns: at most {@code topK} passages, none scoring below {@code minScore}, each with
 * metadata meeting the {@code filter}, found by the {@code searchType}. The same options work with a local
 * and a Bedrock knowledge base.
 *
 * <pre>{@code
 * RetrievalOptions options = RetrievalOptions.top(3)
 *         .withFilter(Filter.eq("department", "hr"))
 *         .withSearchType(SearchType.HYBRID);
 * List<RetrievedChunk> hits = knowledgeBase.retrieve("parental leave", options);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param topK the most passages to return, from 1 to {@value #MAX_TOP_K} (Bedrock's limit)
 * @param minScore the lowest score to return, on the knowledge base's own scale; {@code -1} keeps everything
 * @param filter the metadata condition; {@link Filter#all()} keeps everything
 * @param searchType how to search
 */
public record RetrievalOptions(int topK, double minScore, Filter filter, SearchType searchType) {
    /** The largest allowed {@link #topK()}. */
    public static final int MAX_TOP_K = 100;
    /** The {@link #topK()} of {@link #defaults()}. */
    public static final int DEFAULT_TOP_K = 5;

    /**
     * Validates the components.
     *
     * @param topK the passage count
     * @param minScore the score floor
     * @param filter the filter
     * @param searchType the search type
     * @throws IllegalArgumentException if a value is out of range
     */
    public RetrievalOptions {
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("topK must be between 1 and " + MAX_TOP_K + ", was " + topK);
        }
        if (Double.isNaN(minScore)) {
            throw new IllegalArgumentException("minScore is NaN; use -1 to keep every passage");
        }
        Objects.requireNonNull(filter, "filter (use Filter.all() for none)");
        Objects.requireNonNull(searchType, "searchType");
    }

    /**
     * The best {@value #DEFAULT_TOP_K} passages, unfiltered, by the knowledge base's default search.
     *
     * @return the options
     */
    public static RetrievalOptions defaults() {
        return top(DEFAULT_TOP_K);
    }

    /**
     * The best {@code topK} passages, unfiltered, by the knowledge base's default search.
     *
     * @param topK the most passages to return
     * @return the options
     */
    public static RetrievalOptions top(int topK) {
        return new RetrievalOptions(topK, -1, Filter.all(), SearchType.DEFAULT);
    }

    /**
     * A copy with another passage count.
     *
     * @param topK the most passages to return
     * @return the new options
     */
    public RetrievalOptions withTopK(int topK) {
        return new RetrievalOptions(topK, minScore, filter, searchType);
    }

    /**
     * A copy that drops passages scoring below a floor.
     *
     * @param minScore the lowest score to return
     * @return the new options
     */
    public RetrievalOptions withMinScore(double minScore) {
        return new RetrievalOptions(topK, minScore, filter, searchType);
    }

    /**
     * A copy that keeps only passages whose metadata meets a filter.
     *
     * @param filter the filter
     * @return the new options
     */
    public RetrievalOptions withFilter(Filter filter) {
        return new RetrievalOptions(topK, minScore, filter, searchType);
    }

    /**
     * A copy with another search type.
     *
     * @param searchType the search type
     * @return the new options
     */
    public RetrievalOptions withSearchType(SearchType searchType) {
        return new RetrievalOptions(topK, minScore, filter, searchType);
    }
}
