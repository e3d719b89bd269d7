package dev.bedrock4j.production.internal.metrics;

import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.production.internal.model.Around;
import dev.bedrock4j.production.metrics.BedrockMetrics;
import dev.bedrock4j.production.resilience.Resilience;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Records {@link BedrockMetrics}' meters around every operation of a model (a call, a stream, an embedding
 * request), and the retries of a {@link Resilience}, bound once per resilience. Raw native streams pass
 * through unmeasured. Thread-safe.
 */
public final class Meters implements Around {
    private static final String SYSTEM = "aws.bedrock";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final PriceTable prices;

    /** Records into a registry, with observations and prices. */
    public Meters(MeterRegistry registry, ObservationRegistry observations, PriceTable prices) {
        this.registry = registry;
        this.observations = observations;
        this.prices = prices;
    }

    private static Tags modelTags(String modelId) {
        return Tags.of(BedrockMetrics.REQUEST_MODEL, modelId, BedrockMetrics.SYSTEM, SYSTEM);
    }

    /** Counts a resilience's retries, and its retried throttles, under its model's tags: call once per resilience. */
    public void bind(Resilience resilience) {
        Tags tags = modelTags(resilience.name());
        Counter retries = Counter.builder(BedrockMetrics.RETRIES).description("Retries of failed attempts")
                .tags(tags).register(registry);
        Counter throttles = throttles(tags);
        resilience.retry().getEventPublisher().onRetry(event -> {
            retries.increment();
            if (event.getLastThrowable() instanceof ThrottledException) {
                throttles.increment();
            }
        });
    }

    private Counter throttles(Tags tags) {
        return Counter.builder(BedrockMetrics.THROTTLES).description("Throttled attempts").tags(tags).register(registry);
    }

    /** {@inheritDoc} Records its duration, tokens and cost, or its failure. */
    @Override
    public <T> T call(String operation, String modelId, IntSupplier tokens, Supplier<T> call, Function<? super T, Usage> usage) {
        Observation observation = observation(operation, modelId).start();
        long started = System.nanoTime();
        try (Observation.Scope ignored = observation.openScope()) {
            T result = call.get();
            succeeded(operation, modelId, started, usage == null ? null : usage.apply(result));
            return result;
        } catch (RuntimeException e) {
            failed(operation, modelId, started, e, observation);
            throw e;
        } finally {
            observation.stop();
        }
    }

    /** {@inheritDoc} Records its duration, tokens and cost, or its failure, as operation {@code stream}. */
    @Override
    public ChatStream stream(String modelId, IntSupplier tokens, Supplier<ChatStream> streams) {
        ChatStream stream = streams.get();
        Observation observation = observation("stream", modelId);
        long[] started = new long[1];
        return AbstractChatStream.observe(modelId, stream,
                () -> {
                    started[0] = System.nanoTime();
                    observation.start();
                },
                response -> {
                    succeeded("stream", modelId, started[0], response.usage());
                    observation.stop();
                },
                failure -> {
                    failed("stream", modelId, started[0], failure, observation);
                    observation.stop();
                });
    }

    @Override
    public <T> Flow.Publisher<T> publisher(String modelId, IntSupplier tokens, Supplier<Flow.Publisher<T>> publishers) {
        return publishers.get();
    }

    @Override
    public String toString() {
        return "Metered";
    }

    private Observation observation(String operation, String modelId) {
        return Observation.createNotStarted(BedrockMetrics.OBSERVATION, observations)
                .contextualName(operation + " " + modelId)
                .lowCardinalityKeyValue(BedrockMetrics.OPERATION_NAME, operation)
                .lowCardinalityKeyValue(BedrockMetrics.REQUEST_MODEL, modelId)
                .lowCardinalityKeyValue(BedrockMetrics.SYSTEM, SYSTEM);
    }

    private void succeeded(String operation, String modelId, long started, Usage usage) {
        Tags tags = modelTags(modelId);
        timer(tags, operation, "none").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (usage == null) {
            return;
        }
        tokens(tags, operation, "input", usage.inputTokens());
        tokens(tags, operation, "output", usage.outputTokens());
        tokens(tags, operation, "cache_read", usage.cacheReadInputTokens());
        tokens(tags, operation, "cache_write", usage.cacheWriteInputTokens());
        BigDecimal dollars = prices.cost(modelId, usage).orElse(BigDecimal.ZERO);
        Counter.builder(BedrockMetrics.COST).baseUnit("usd").description("Estimated cost of model calls")
                .tags(tags).register(registry).increment(dollars.doubleValue());
    }

    private void failed(String operation, String modelId, long started, Throwable failure, Observation observation) {
        Tags tags = modelTags(modelId);
        if (failure instanceof CancellationException) { // the caller went away: timed, but not an error
            timer(tags, operation, "cancelled").record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return;
        }
        String type = failure.getClass().getSimpleName();
        timer(tags, operation, type).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        Counter.builder(BedrockMetrics.ERRORS).description("Failed model operations")
                .tags(tags).tag(BedrockMetrics.OPERATION_NAME, operation).tag(BedrockMetrics.ERROR_TYPE, type)
                .register(registry).increment();
        if (failure instanceof ThrottledException) {
            throttles(tags).increment();
        }
        observation.error(failure);
    }

    private Timer timer(Tags tags, String operation, String errorType) {
        return Timer.builder(BedrockMetrics.OPERATION_DURATION).description("Duration of model operations")
                .tags(tags).tag(BedrockMetrics.OPERATION_NAME, operation).tag(BedrockMetrics.ERROR_TYPE, errorType)
                .register(registry);
    }

    private void tokens(Tags tags, String operation, String type, int count) {
        if (count <= 0 && !type.equals("input") && !type.equals("output")) {
            return;
        }
        DistributionSummary.builder(BedrockMetrics.TOKEN_USAGE).baseUnit("tokens").description("Tokens used by model operations")
                .tags(tags).tag(BedrockMetrics.OPERATION_NAME, operation).tag(BedrockMetrics.TOKEN_TYPE, type)
                .register(registry).record(count);
    }
}
