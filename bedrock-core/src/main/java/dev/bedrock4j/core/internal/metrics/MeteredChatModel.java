package dev.bedrock4j.core.internal.metrics;

import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.internal.stream.ForwardingChatStream;
import dev.bedrock4j.core.metrics.BedrockMetrics;
import dev.bedrock4j.core.resilience.Resilience;
import dev.bedrock4j.core.stream.ChatStream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/** A {@link ChatModel} that records {@link BedrockMetrics}' meters for each call and stream. Thread-safe. */
public final class MeteredChatModel implements ChatModel {
    private static final String SYSTEM = "aws.bedrock";

    private final ChatModel delegate;
    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final PriceTable prices;
    private final Tags modelTags;
    private final Counter cost;
    private final Counter throttles;

    /** Measures a model; with a resilience, its retries are counted too. */
    public MeteredChatModel(ChatModel delegate, MeterRegistry registry, ObservationRegistry observations,
                            PriceTable prices, Resilience resilience) {
        this.delegate = delegate;
        this.registry = registry;
        this.observations = observations;
        this.prices = prices;
        this.modelTags = Tags.of(BedrockMetrics.REQUEST_MODEL, delegate.modelId(), BedrockMetrics.SYSTEM, SYSTEM);
        this.cost = Counter.builder(BedrockMetrics.COST).baseUnit("usd").description("Estimated cost of model calls")
                .tags(modelTags).register(registry);
        this.throttles = Counter.builder(BedrockMetrics.THROTTLES).description("Throttled attempts")
                .tags(modelTags).register(registry);
        if (resilience != null) {
            Counter retries = Counter.builder(BedrockMetrics.RETRIES).description("Retries of failed attempts")
                    .tags(modelTags).register(registry);
            resilience.retry().getEventPublisher().onRetry(event -> {
                retries.increment();
                if (event.getLastThrowable() instanceof ThrottledException) {
                    throttles.increment();
                }
            });
        }
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public ChatResponse call(ChatRequest request) {
        Observation observation = observation("chat").start();
        long started = System.nanoTime();
        try (Observation.Scope ignored = observation.openScope()) {
            ChatResponse response = delegate.call(request);
            succeeded("chat", started, response);
            return response;
        } catch (RuntimeException e) {
            failed("chat", started, e, observation);
            throw e;
        } finally {
            observation.stop();
        }
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        ChatStream stream = delegate.stream(request);
        Observation observation = observation("stream");
        long[] started = new long[1];
        return new ForwardingChatStream(modelId(), stream,
                () -> {
                    started[0] = System.nanoTime();
                    observation.start();
                },
                response -> {
                    succeeded("stream", started[0], response);
                    observation.stop();
                },
                failure -> {
                    failed("stream", started[0], failure, observation);
                    observation.stop();
                });
    }

    private Observation observation(String operation) {
        return Observation.createNotStarted(BedrockMetrics.OBSERVATION, observations)
                .contextualName(operation + " " + modelId())
                .lowCardinalityKeyValue(BedrockMetrics.OPERATION_NAME, operation)
                .lowCardinalityKeyValue(BedrockMetrics.REQUEST_MODEL, modelId())
                .lowCardinalityKeyValue(BedrockMetrics.SYSTEM, SYSTEM);
    }

    private void succeeded(String operation, long started, ChatResponse response) {
        timer(operation, "none").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        Usage usage = response.usage();
        tokens(operation, "input", usage.inputTokens());
        tokens(operation, "output", usage.outputTokens());
        tokens(operation, "cache_read", usage.cacheReadInputTokens());
        tokens(operation, "cache_write", usage.cacheWriteInputTokens());
        BigDecimal dollars = prices.cost(modelId(), usage).orElse(BigDecimal.ZERO);
        cost.increment(dollars.doubleValue());
    }

    private void failed(String operation, long started, Throwable failure, Observation observation) {
        String type = failure.getClass().getSimpleName();
        timer(operation, type).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        Counter.builder(BedrockMetrics.ERRORS).description("Failed model operations")
                .tags(modelTags).tag(BedrockMetrics.OPERATION_NAME, operation).tag(BedrockMetrics.ERROR_TYPE, type)
                .register(registry).increment();
        if (failure instanceof ThrottledException) {
            throttles.increment();
        }
        observation.error(failure);
    }

    private Timer timer(String operation, String errorType) {
        return Timer.builder(BedrockMetrics.OPERATION_DURATION).description("Duration of model operations")
                .tags(modelTags).tag(BedrockMetrics.OPERATION_NAME, operation).tag(BedrockMetrics.ERROR_TYPE, errorType)
                .register(registry);
    }

    private void tokens(String operation, String type, int count) {
        if (count <= 0 && !type.equals("input") && !type.equals("output")) {
            return;
        }
        DistributionSummary.builder(BedrockMetrics.TOKEN_USAGE).baseUnit("tokens").description("Tokens used by model operations")
                .tags(modelTags).tag(BedrockMetrics.OPERATION_NAME, operation).tag(BedrockMetrics.TOKEN_TYPE, type)
                .register(registry).record(count);
    }

    @Override
    public String toString() {
        return "MeteredChatModel[" + delegate + "]";
    }
}
