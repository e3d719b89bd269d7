package dev.bedrock4j.core.embed;

/**
 * Settings of an embedding model: the vector size, whether the service normalises vectors, and how many
 * requests may run at once when a list of texts needs several requests.
 *
 * <pre>{@code
 * EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0",
 *         EmbeddingOptions.defaults().withDimensions(512).withMaxConcurrency(8));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param dimensions the vector size, or 0 for the model's default (the first size the catalog lists)
 * @param normalize whether the service scales vectors to unit length (sent to Titan Text Embeddings v2;
 *                  other models return vectors as they produce them)
 * @param maxConcurrency the most requests one call runs at the same time, from 1 to {@value #MAX_CONCURRENCY}
 */
public record EmbeddingOptions(int dimensions, boolean normalize, int maxConcurrency) {
    /** The largest allowed {@link #maxConcurrency()}. */
    public static final int MAX_CONCURRENCY = 64;
    /** The default {@link #maxConcurrency()}. */
    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    /**
     * Validates the components.
     *
     * @param dimensions the vector size, or 0
     * @param normalize whether to normalise
     * @param maxConcurrency the concurrency bound
     * @throws IllegalArgumentException if a value is out of range
     */
    public EmbeddingOptions {
        if (dimensions < 0) {
            throw new IllegalArgumentException("dimensions must be >= 0 (0 picks the model's default), was " + dimensions);
        }
        if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("maxConcurrency must be between 1 and " + MAX_CONCURRENCY + ", was "
                    + maxConcurrency);
        }
    }

    /**
     * The defaults: the model's default size, normalised, {@value #DEFAULT_MAX_CONCURRENCY} requests at once.
     *
     * @return the default options
     */
    public static EmbeddingOptions defaults() {
        return new EmbeddingOptions(0, true, DEFAULT_MAX_CONCURRENCY);
    }

    /**
     * A copy with another vector size.
     *
     * @param dimensions the size, such as 256, 512 or 1024 for Titan Text Embeddings v2; 0 for the default
     * @return the new options
     */
    public EmbeddingOptions withDimensions(int dimensions) {
        return new EmbeddingOptions(dimensions, normalize, maxConcurrency);
    }

    /**
     * A copy with normalisation switched on or off.
     *
     * @param normalize whether the service returns unit vectors
     * @return the new options
     */
    public EmbeddingOptions withNormalize(boolean normalize) {
        return new EmbeddingOptions(dimensions, normalize, maxConcurrency);
    }

    /**
     * A copy with another concurrency bound.
     *
     * @param maxConcurrency the most requests at once, from 1 to {@value #MAX_CONCURRENCY}
     * @return the new options
     */
    public EmbeddingOptions withMaxConcurrency(int maxConcurrency) {
        return new EmbeddingOptions(dimensions, normalize, maxConcurrency);
    }
}
