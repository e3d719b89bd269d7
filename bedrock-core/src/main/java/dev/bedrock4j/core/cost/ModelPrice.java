package dev.bedrock4j.core.cost;

import dev.bedrock4j.core.chat.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * What one model charges, in US dollars per 1,000 tokens, for input, output, and prompt-cache reads and
 * writes.
 *
 * <pre>{@code
 * ModelPrice haiku = ModelPrice.perThousand("0.0008", "0.004").withCache("0.00008", "0.001");
 * BigDecimal usd = haiku.cost(response.usage());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param input dollars per 1,000 input tokens
 * @param output dollars per 1,000 output tokens
 * @param cacheRead dollars per 1,000 tokens read from the prompt cache
 * @param cacheWrite dollars per 1,000 tokens written to the prompt cache
 */
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /**
     * Validates the prices.
     *
     * @param input input price
     * @param output output price
     * @param cacheRead cache read price
     * @param cacheWrite cache write price
     */
    public ModelPrice {
        for (BigDecimal price : new BigDecimal[] {input, output, cacheRead, cacheWrite}) {
            Objects.requireNonNull(price, "price");
            if (price.signum() < 0) {
                throw new IllegalArgumentException("prices must not be negative, was " + price);
            }
        }
    }

    /**
     * A price without cache pricing (cache tokens are then priced as input).
     *
     * @param input dollars per 1,000 input tokens, as a decimal string
     * @param output dollars per 1,000 output tokens, as a decimal string
     * @return the price
     */
    public static ModelPrice perThousand(String input, String output) {
        BigDecimal in = new BigDecimal(input);
        return new ModelPrice(in, new BigDecimal(output), in, in);
    }

    /**
     * This price with cache pricing.
     *
     * @param cacheRead dollars per 1,000 cache-read tokens, as a decimal string
     * @param cacheWrite dollars per 1,000 cache-write tokens, as a decimal string
     * @return a copy
     */
    public ModelPrice withCache(String cacheRead, String cacheWrite) {
        return new ModelPrice(input, output, new BigDecimal(cacheRead), new BigDecimal(cacheWrite));
    }

    /**
     * The cost of one call's usage.
     *
     * @param usage the tokens used
     * @return dollars
     */
    public BigDecimal cost(Usage usage) {
        BigDecimal total = input.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(output.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(cacheRead.multiply(BigDecimal.valueOf(usage.cacheReadInputTokens())))
                .add(cacheWrite.multiply(BigDecimal.valueOf(usage.cacheWriteInputTokens())));
        return total.divide(THOUSAND, MathContext.DECIMAL64).stripTrailingZeros();
    }
}
