package dev.bedrock4j.production.resilience;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.core.spi.ModelDecorator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The resilience of one {@code Bedrock}: a policy per model id and a default, and one {@link Resilience}
 * per model id, created on first use and shared by every model handed out for that id, so that rate
 * limits, bulkheads and circuits hold across them. As a {@link ModelDecorator} it protects chat,
 * embedding and native models alike (each embedding request on its own, streams before their first
 * event), and the requests of every model it protects go out without the AWS SDK's own retries, so
 * attempts are never multiplied. Models without a policy keep the SDK's retries.
 *
 * <pre>{@code
 * ResilienceRegistry resilience = ResilienceRegistry.builder()
 *         .defaultPolicy(ResiliencePolicy.defaults())                          // every other model
 *         .policy("anthropic.claude-3-5-haiku-20241022-v1:0",                  // one model's own quota
 *                 ResiliencePolicy.builder().requestsPerMinute(200).tokensPerMinute(400_000).build())
 *         .build();
 * Bedrock bedrock = Bedrock.builder().decorate(resilience).build();
 * }</pre>
 *
 * <p>Give one registry to one {@code Bedrock}: two instances given the same registry share its limits and
 * circuits. Metrics bind to it once, with {@code BedrockMetrics.builder(registry).resilience(resilience)}.
 *
 * <p>Thread-safe.
 */
public final class ResilienceRegistry implements ModelDecorator {
    private final ResiliencePolicy defaultPolicy;
    private final Map<String, ResiliencePolicy> policies;
    private final Map<String, Resilience> byModel = new ConcurrentHashMap<>();
    private final List<Consumer<Resilience>> listeners = new ArrayList<>();
    private final Object lock = new Object();

    private ResilienceRegistry(Builder builder) {
        this.defaultPolicy = builder.defaultPolicy;
        this.policies = Map.copyOf(builder.policies);
    }

    /**
     * A registry that protects every model with one policy.
     *
     * @param defaultPolicy the policy of every model
     * @return the registry
     */
    public static ResilienceRegistry of(ResiliencePolicy defaultPolicy) {
        return builder().defaultPolicy(defaultPolicy).build();
    }

    /**
     * A builder of a registry with no policies yet.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The policy that protects a model.
     *
     * @param modelId the model id as passed to {@code Bedrock.chat}, {@code embeddings} or {@code nativeModel}
     * @return the model's own policy, else the default, else empty
     */
    public Optional<ResiliencePolicy> policy(String modelId) {
        ResiliencePolicy own = policies.get(Objects.requireNonNull(modelId, "modelId"));
        return Optional.ofNullable(own != null ? own : defaultPolicy);
    }

    /**
     * The resilience protecting a model: created the first time it is asked for, the same instance after.
     *
     * @param modelId the model id
     * @return the resilience, or empty when no policy applies to the model
     */
    public Optional<Resilience> resilience(String modelId) {
        Resilience existing = byModel.get(Objects.requireNonNull(modelId, "modelId"));
        if (existing != null) {
            return Optional.of(existing);
        }
        Optional<ResiliencePolicy> policy = policy(modelId);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        synchronized (lock) {
            existing = byModel.get(modelId);
            if (existing != null) {
                return Optional.of(existing);
            }
            Resilience created = Resilience.of(modelId, policy.get());
            byModel.put(modelId, created);
            // under the lock, before any model uses it: no retry passes unobserved, and a listener added
            // meanwhile sees it exactly once
            listeners.forEach(listener -> listener.accept(created));
            return Optional.of(created);
        }
    }

    /**
     * Runs a listener once for every resilience this registry holds, now and when it creates one: the way
     * metrics bind to the retries of every model, once each, however many models are handed out. The
     * registry keeps the listener for its lifetime; bind one {@code BedrockMetrics} per registry.
     *
     * @param listener receives each resilience exactly once, while the registry holds its lock: it must not
     *        block or ask this registry for another resilience
     */
    public void forEachResilience(Consumer<Resilience> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            listeners.add(listener);
            byModel.values().forEach(listener);
        }
    }

    /** {@inheritDoc} With a policy for the model, its calls and streams pass the model's resilience. */
    @Override
    public ChatModel decorate(ChatModel model) {
        return resilience(model.modelId()).map(r -> r.decorate(model)).orElse(model);
    }

    /** {@inheritDoc} With a policy for the model, each request passes the model's resilience. */
    @Override
    public EmbeddingModel decorate(EmbeddingModel model) {
        return resilience(model.modelId()).map(r -> r.decorate(model)).orElse(model);
    }

    /** {@inheritDoc} With a policy for the model, its calls and streams pass the model's resilience. */
    @Override
    public NativeModel decorate(NativeModel model) {
        return resilience(model.modelId()).map(r -> r.decorate(model)).orElse(model);
    }

    /** {@inheritDoc} {@code true} for every model with a policy: the registry retries it. */
    @Override
    public boolean retries(String modelId) {
        return policy(modelId).isPresent();
    }

    @Override
    public String toString() {
        return "ResilienceRegistry[default=" + defaultPolicy + ", models=" + policies.keySet() + "]";
    }

    /**
     * Builds a {@link ResilienceRegistry}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private ResiliencePolicy defaultPolicy;
        private final Map<String, ResiliencePolicy> policies = new HashMap<>();

        private Builder() {
        }

        /**
         * Protects every model without a policy of its own.
         *
         * @param policy the default policy; without one, only models given a policy are protected
         * @return this
         */
        public Builder defaultPolicy(ResiliencePolicy policy) {
            this.defaultPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Protects one model with its own policy, for example its own quota.
         *
         * @param modelId the model id as passed to {@code Bedrock.chat}, {@code embeddings} or {@code nativeModel}
         * @param policy the policy
         * @return this
         */
        public Builder policy(String modelId, ResiliencePolicy policy) {
            Objects.requireNonNull(modelId, "modelId");
            if (modelId.isBlank()) {
                throw new IllegalArgumentException("modelId is blank; name the model the policy protects");
            }
            policies.put(modelId, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Builds the registry.
         *
         * @return the registry
         * @throws IllegalStateException if neither a default nor any model policy was set
         */
        public ResilienceRegistry build() {
            if (defaultPolicy == null && policies.isEmpty()) {
                throw new IllegalStateException("the registry has no policy: set defaultPolicy(...) or policy(modelId, ...)");
            }
            return new ResilienceRegistry(this);
        }
    }
}
