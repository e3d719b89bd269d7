package dev.bedrock4j.core.metrics;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.internal.metrics.MeteredChatModel;
import dev.bedrock4j.core.resilience.Resilience;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Micrometer metrics for model calls, named after the OpenTelemetry GenAI conventions where they exist:
 * <ul>
 *   <li>{@value #OPERATION_DURATION} (timer): each call or stream, tagged with {@value #OPERATION_NAME},
 *       {@value #REQUEST_MODEL}, {@value #SYSTEM} and {@value #ERROR_TYPE} ({@code none} on success);</li>
 *   <li>{@value #TOKEN_USAGE} (distribution summary of tokens): tagged with {@value #TOKEN_TYPE}
 *       {@code input}, {@code output}, {@code cache_read} or {@code cache_write};</li>
 *   <li>{@value #ERRORS}, {@value #RETRIES}, {@value #THROTTLES} (counters) and {@value #COST}
 *       (counter, in US dollars, from a {@link PriceTable}).</li>
 * </ul>
 * With an {@link ObservationRegistry}, each call is also an {@code Observation} named
 * {@value #OBSERVATION}. Metrics are off unless a registry is given.
 *
 * <pre>{@code
 * BedrockMetrics metrics = BedrockMetrics.builder(meterRegistry).prices(PriceTable.defaults()).build();
 * ChatModel measured = metrics.instrument(bedrock.chat("amazon.nova-lite-v1:0"));
 * // or for every model: Bedrock.builder().metrics(metrics)
 * }</pre>
 *
 * <p>Thread-safe; create one and share it.
 */
public final class BedrockMetrics {
    /** Timer of each operation. */
    public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    /** Summary of tokens used per operation. */
    public static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    /** Counter of failed operations by error type. */
    public static final String ERRORS = "bedrock4j.client.errors";
    /** Counter of retries made by the resilience layer. */
    public static final String RETRIES = "bedrock4j.client.retries";
    /** Counter of throttled attempts. */
    public static final String THROTTLES = "bedrock4j.client.throttles";
    /** Counter of estimated cost, in US dollars. */
    public static final String COST = "bedrock4j.client.cost";
    /** Observation name of each operation. */
    public static final String OBSERVATION = "gen_ai.client.operation";
    /** Tag: the operation, {@code chat} or {@code stream}. */
    public static final String OPERATION_NAME = "gen_ai.operation.name";
    /** Tag: the model id as requested. */
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    /** Tag: the GenAI system, {@code aws.bedrock}. */
    public static final String SYSTEM = "gen_ai.system";
    /** Tag: the token type of a usage measurement. */
    public static final String TOKEN_TYPE = "gen_ai.token.type";
    /** Tag: the exception's simple class name, or {@code none}. */
    public static final String ERROR_TYPE = "error.type";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final PriceTable prices;

    private BedrockMetrics(Builder builder) {
        this.registry = builder.registry;
        this.observations = builder.observations;
        this.prices = builder.prices;
    }

    /**
     * A builder recording into a registry.
     *
     * @param registry the meter registry
     * @return the builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Metrics with default prices and no observations.
     *
     * @param registry the meter registry
     * @return the metrics
     */
    public static BedrockMetrics of(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * Measures a model's calls and streams.
     *
     * @param model the model
     * @return the measured model
     */
    public ChatModel instrument(ChatModel model) {
        return new MeteredChatModel(model, registry, observations, prices, null);
    }

    /**
     * Measures a model decorated with resilience, counting its retries and throttled attempts too.
     *
     * @param model the model, usually {@code resilience.decorate(...)}
     * @param resilience the resilience whose retries to count
     * @return the measured model
     */
    public ChatModel instrument(ChatModel model, Resilience resilience) {
        return new MeteredChatModel(model, registry, observations, prices, Objects.requireNonNull(resilience, "resilience"));
    }

    /**
     * The registry metrics go to.
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * The prices cost is estimated with.
     *
     * @return the price table
     */
    public PriceTable prices() {
        return prices;
    }

    /**
     * Builds {@link BedrockMetrics}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final MeterRegistry registry;
        private ObservationRegistry observations = ObservationRegistry.NOOP;
        private PriceTable prices = PriceTable.defaults();

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Also makes an {@code Observation} of each call.
         *
         * @param observations the observation registry
         * @return this
         */
        public Builder observationRegistry(ObservationRegistry observations) {
            this.observations = Objects.requireNonNull(observations, "observations");
            return this;
        }

        /**
         * Sets the prices for the cost counter.
         *
         * @param prices the price table
         * @return this
         */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Builds the metrics.
         *
         * @return the metrics
         */
        public BedrockMetrics build() {
            return new BedrockMetrics(this);
        }
    }
}
