package dev.bedrock4j.rag.store;

import java.util.Objects;

/**
 * What a search returns: at most {@code topK} hits, none scoring below {@code minScore}, each meeting the
 * {@code filter}; best first, ties broken by id so that equal scores come back in a stable order.
 *
 * <pre>{@code
 * SearchOptions options = SearchOptions.top(10).withMinScore(0.3).withFilter(Filter.eq("lang", "en"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param topK the most hits to return, from 1 to {@value #MAX_TOP_K}
 * @param minScore the lowest cosine similarity to return; {@code -1} keeps everything
 * @param filter the metadata condition; {@link Filter#all()} keeps everything
 */
public record SearchOptions(int topK, double minScore, Filter filter) {
    /** The largest allowed {@link #topK()}. */
    public static final int MAX_TOP_K = 10_000;

    /**
     * Validates the components.
     *
     * @param topK the hit count
     * @param minScore the score floor
     * @param filter the filter
     * @throws IllegalArgumentException if a value is out of range
     */
    public SearchOptions {
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("topK must be between 1 and " + MAX_TOP_K + ", was " + topK);
        }
        if (Double.isNaN(minScore)) {
            throw new IllegalArgumentException("minScore is NaN; use -1 to keep every hit");
        }
        Objects.requireNonNull(filter, "filter (use Filter.all() for none)");
    }

    /**
     * The best {@code topK} hits, with no score floor and no filter.
     *
     * @param topK the most hits to return
     * @return the options
     */
    public static SearchOptions top(int topK) {
        return new SearchOptions(topK, -1.0, Filter.all());
    }

    /**
     * A copy that drops hits scoring below a floor.
     *
     * @param minScore the lowest cosine similarity to return
     * @return the new options
     */
    public SearchOptions withMinScore(double minScore) {
        return new SearchOptions(topK, minScore, filter);
    }

    /**
     * A copy that keeps only hits whose metadata meets a filter.
     *
     * @param filter the filter
     * @return the new options
     */
    public SearchOptions withFilter(Filter filter) {
        return new SearchOptions(topK, minScore, filter);
    }
}
