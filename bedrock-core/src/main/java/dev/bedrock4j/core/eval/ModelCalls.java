package dev.bedrock4j.core.eval;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.cost.CostTracker;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.resilience.Resilience;
import dev.bedrock4j.core.resilience.ResiliencePolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every model call of an evaluation: through one resilience per model, priced into one cost tracker. Thread-safe. */
final class ModelCalls {
    private final ResiliencePolicy policy;
    private final PriceTable prices;
    private final CostTracker cost;
    private final Map<ChatModel, ChatModel> protectedModels = new ConcurrentHashMap<>();

    ModelCalls(ResiliencePolicy policy, PriceTable prices) {
        this.policy = policy;
        this.prices = prices;
        this.cost = CostTracker.create(prices);
    }

    ResiliencePolicy policy() {
        return policy;
    }

    PriceTable prices() {
        return prices;
    }

    CostTracker cost() {
        return cost;
    }

    /** Calls a model and records the answer's cost. */
    Answer call(ChatModel model, ChatRequest request) {
        ChatModel guarded = protectedModels.computeIfAbsent(model, m -> Resilience.of(m.modelId(), policy).decorate(m));
        long started = System.nanoTime();
        ChatResponse response = guarded.call(request);
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
