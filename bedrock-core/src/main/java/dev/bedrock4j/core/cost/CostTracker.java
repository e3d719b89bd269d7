package dev.bedrock4j.core.cost;

import dev.bedrock4j.core.chat.Usage;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Adds up usage and estimated cost across calls, per model and in total, for a run.
 *
 * <pre>{@code
 * CostTracker run = CostTracker.create(PriceTable.defaults());
 * run.record(model.modelId(), response.usage());
 * System.out.printf("$%.4f for %d tokens%n", run.totalCost(), run.totalUsage().totalTokens());
 * }</pre>
 *
 * <p>Thread-safe: calls may be recorded from many threads.
 */
public final class CostTracker {
    private final PriceTable prices;
    private final Map<String, Usage> usageByModel = new TreeMap<>();
    private final Map<String, BigDecimal> costByModel = new TreeMap<>();
    private long unpricedCalls;

    private CostTracker(PriceTable prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    /**
     * A tracker pricing with a table.
     *
     * @param prices the prices
     * @return the tracker
     */
    public static CostTracker create(PriceTable prices) {
        return new CostTracker(prices);
    }

    /**
     * Records one call.
     *
     * @param modelId the model called
     * @param usage the tokens it used
     * @return the call's estimated cost; zero when the model has no price
     */
    public synchronized BigDecimal record(String modelId, Usage usage) {
        usageByModel.merge(modelId, usage, Usage::plus);
        BigDecimal cost = prices.cost(modelId, usage).orElse(null);
        if (cost == null) {
            unpricedCalls++;
            return BigDecimal.ZERO;
        }
        costByModel.merge(modelId, cost, BigDecimal::add);
        return cost;
    }

    /**
     * The cost of all calls recorded.
     *
     * @return dollars
     */
    public synchronized BigDecimal totalCost() {
        return costByModel.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The usage of all calls recorded.
     *
     * @return the summed usage
     */
    public synchronized Usage totalUsage() {
        return usageByModel.values().stream().reduce(Usage.ZERO, Usage::plus);
    }

    /**
     * Cost per model.
     *
     * @return an immutable snapshot, sorted by model id
     */
    public synchronized Map<String, BigDecimal> costByModel() {
        return Map.copyOf(costByModel);
    }

    /**
     * Calls to models the price table does not know; their cost is missing from the totals.
     *
     * @return the count
     */
    public synchronized long unpricedCalls() {
        return unpricedCalls;
    }
}
