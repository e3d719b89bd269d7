package dev.bedrock4j.core.chat;

/**
 * Token counts for one model call, including prompt-cache reads and writes.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param inputTokens tokens in the prompt that were not read from the cache
 * @param outputTokens tokens the model generated
 * @param cacheReadInputTokens prompt tokens read from the prompt cache
 * @param cacheWriteInputTokens prompt tokens written to the prompt cache
 */
public record Usage(int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheWriteInputTokens) {
    /** No tokens at all. */
    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    /**
     * Validates the counts.
     *
     * @param inputTokens tokens in the prompt that were not read from the cache
     * @param outputTokens tokens the model generated
     * @param cacheReadInputTokens prompt tokens read from the prompt cache
     * @param cacheWriteInputTokens prompt tokens written to the prompt cache
     * @throws IllegalArgumentException if a count is negative
     */
    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadInputTokens < 0 || cacheWriteInputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    /**
     * Usage without cache tokens.
     *
     * @param inputTokens prompt tokens
     * @param outputTokens generated tokens
     * @return the usage
     */
    public static Usage of(int inputTokens, int outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0);
    }

    /**
     * All tokens the call consumed: input, output and cache reads and writes.
     *
     * @return the total
     */
    public int totalTokens() {
        return inputTokens + outputTokens + cacheReadInputTokens + cacheWriteInputTokens;
    }

    /**
     * Adds two usages, for totals across calls.
     *
     * @param other the usage to add
     * @return the sum
     */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheReadInputTokens + other.cacheReadInputTokens, cacheWriteInputTokens + other.cacheWriteInputTokens);
    }
}
