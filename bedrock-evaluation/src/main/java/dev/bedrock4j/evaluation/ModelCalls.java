package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.cost.CostTracker;
import dev.bedrock4j.core.cost.PriceTable;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Every model call of an evaluation, priced into one cost tracker. Calls go to the models as given: their
 * own resilience (that of the {@code Bedrock} they came from) retries them, never a second layer here.
 * Thread-safe.
 */
final class ModelCalls {
    private final PriceTable prices;
    private final CostTracker cost;

    ModelCalls(PriceTable prices) {
        this.prices = prices;
        this.cost = CostTracker.create(prices);
    }

    PriceTable prices() {
        return prices;
    }

    CostTracker cost() {
        return cost;
    }

    /** Calls a model and records the answer's cost. */
    Answer call(ChatModel model, ChatRequest request) {
        long started = System.nanoTime();
        ChatResponse response = model.call(request);
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        return new Answer(response, cost.record(model.modelId(), response.usage()), latency);
    }

    /** Calls a model for a metric; only the response matters. */
    ChatResponse ask(ChatModel model, ChatRequest request) {
        return call(model, request).response();
    }

    /** A response with its cost and the latency seen by the caller. */
    record Answer(ChatResponse response, BigDecimal cost, Duration latency) {
    }
}
