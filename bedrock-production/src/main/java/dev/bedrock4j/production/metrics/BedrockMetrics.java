package dev.bedrock4j.production.metrics;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.cost.PriceTable;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.core.spi.ModelDecorator;
import dev.bedrock4j.production.internal.model.AroundModels;
import dev.bedrock4j.production.internal.metrics.Meters;
import dev.bedrock4j.production.resilience.ResilienceRegistry;
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
 * {@value #OBSERVATION}. Operations are {@code chat}, {@code stream}, {@code embeddings} (one per embedding
 * request) and {@code invoke} (a native body). Retries and throttled attempts are counted from a
 * {@link ResilienceRegistry}'s retries, bound once per model however many models are handed out.
 *
 * <p>As a {@link ModelDecorator} it measures every model a {@code Bedrock} hands out; add it after the
 * resilience, so that each timing covers the retries:
 *
 * <pre>{@code
 * ResilienceRegistry resilience = ResilienceRegistry.of(ResiliencePolicy.defaults());
 * BedrockMetrics metrics = BedrockMetrics.builder(meterRegistry)
 *         .prices(PriceTable.defaults())
 *         .resilience(resilience)                   // count its retries and throttles
 *         .build();
 * Bedrock bedrock = Bedrock.builder().decorate(resilience).decorate(metrics).build();
 * }</pre>
 *
 * <p>Thread-safe; create one per meter registry and share it.
 */
public final class BedrockMetrics implements ModelDecorator {
    /** Timer of each operation. */
    public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    /** Summary of tokens used per operation. */
    public static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    /** Counter of failed operations by error type. */
    public static final String ERRORS = "bedrock4j.client.errors";
    /** Counter of retries made by a {@link ResilienceRegistry}'s resilience. */
    public static final String RETRIES = "bedrock4j.client.retries";
    /**
     * Counter of throttled attempts: those a bound {@link ResilienceRegistry} retried, and operations that
     * ended throttled. Without a bound registry, only the latter (the SDK's own retries are invisible).
     */
    public static final String THROTTLES = "bedrock4j.client.throttles";
    /** Counter of estimated cost, in US dollars. */
    public static final String COST = "bedrock4j.client.cost";
    /** Observation name of each operation. */
    public static final String OBSERVATION = "gen_ai.client.operation";
    /** Tag: the operation, {@code chat}, {@code stream}, {@code embeddings} or {@code invoke}. */
    public static final String OPERATION_NAME = "gen_ai.operation.name";
    /** Tag: the model id as requested. */
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    /** Tag: the GenAI system, {@code aws.bedrock}. */
    public static final String SYSTEM = "gen_ai.system";
    /** Tag: the token type of a usage measurement. */
    public static final String TOKEN_TYPE = "gen_ai.token.type";
    /** Tag: the exception's simple class name, {@code none}, or {@code cancelled} for a stream its subscriber cancelled. */
    public static final String ERROR_TYPE = "error.type";

    private final MeterRegistry registry;
    private final PriceTable prices;
    private final Meters meters;

    private BedrockMetrics(Builder builder) {
        this.registry = builder.registry;
        this.prices = builder.prices;
        this.meters = new Meters(builder.registry, builder.observations, builder.prices);
        if (builder.resilience != null) {
            builder.resilience.forEachResilience(meters::bind);
        }
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
     * Measures a chat model's calls and streams.
     *
     * @param model the model
     * @return the measured model
     */
    public ChatModel instrument(ChatModel model) {
        return AroundModels.chat(Objects.requireNonNull(model, "model"), meters);
    }

    /**
     * Measures an embedding model's calls, as operation {@code embeddings}.
     *
     * @param model the model
     * @return the measured model
     */
    public EmbeddingModel instrument(EmbeddingModel model) {
        return AroundModels.embeddings(Objects.requireNonNull(model, "model"), meters);
    }

    /**
     * Measures a native model's calls and streams; raw body streams pass through unmeasured.
     *
     * @param model the model
     * @return the measured model
     */
    public NativeModel instrument(NativeModel model) {
        return AroundModels.nativeModel(Objects.requireNonNull(model, "model"), meters);
    }

    /** {@inheritDoc} The same as {@link #instrument(ChatModel)}. */
    @Override
    public ChatModel decorate(ChatModel model) {
        return instrument(model);
    }

    /** {@inheritDoc} The same as {@link #instrument(EmbeddingModel)}: each embedding request is measured. */
    @Override
    public EmbeddingModel decorate(EmbeddingModel model) {
        return instrument(model);
    }

    /** {@inheritDoc} The same as {@link #instrument(NativeModel)}. */
    @Override
    public NativeModel decorate(NativeModel model) {
        return instrument(model);
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
        private ResilienceRegistry resilience;

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
         * Counts the retries of a resilience registry: each model's retries and throttled attempts, bound
         * once per model when the registry creates its resilience.
         *
         * @param resilience the registry whose retries to count
         * @return this
         */
        public Builder resilience(ResilienceRegistry resilience) {
            this.resilience = Objects.requireNonNull(resilience, "resilience");
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
