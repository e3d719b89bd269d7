package dev.bedrock4j.production.resilience;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.RejectedCallException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.production.internal.model.AroundModels;
import dev.bedrock4j.production.internal.resilience.Guard;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The resilience4j instances that carry out a {@link ResiliencePolicy} for one model: a retry, and
 * where the policy asks for them a request rate limiter, a token rate limiter, a circuit breaker and a
 * bulkhead. Models decorated with the same instance share its limits and circuit.
 *
 * <p>Calls pass the protections in this order: {@code Retry(CircuitBreaker(RateLimiter(Bulkhead(call))))},
 * so every attempt is rate limited and counted by the circuit. Only retryable
 * {@link BedrockException}s are retried and count as circuit failures; a validation error is neither.
 * Streams are retried only before their first event, through the same {@link Retry}, so its events
 * count stream retries too. A call that fails for good throws its last failure with
 * {@link BedrockException#attempts()} set to the attempts made.
 *
 * <p>Usually a {@link ResilienceRegistry} creates one per model id and a {@code Bedrock} applies it, which
 * also switches the SDK's own retries off for that model. On its own it decorates any model, a fake
 * included; a model from a {@code Bedrock} decorated by hand keeps the SDK's retries, so attempts multiply:
 * prefer the registry for those.
 *
 * <pre>{@code
 * Resilience resilience = Resilience.of("claude", ResiliencePolicy.builder().requestsPerMinute(100).build());
 * ChatModel protectedModel = resilience.decorate(FakeChatModel.create());
 * }</pre>
 *
 * <p>Thread-safe; create one per model and share it.
 */
public final class Resilience {
    private final String name;
    private final ResiliencePolicy policy;
    private final Retry retry;
    private final RateLimiter requestLimiter;
    private final RateLimiter tokenLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;

    private Resilience(String name, ResiliencePolicy policy) {
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(), policy.backoffMultiplier(),
                Math.max(policy.jitter(), 1e-9), policy.maxBackoff());
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(backoff)
                .retryOnException(Resilience::retryable)
                .failAfterMaxAttempts(false)
                .build());
        this.requestLimiter = policy.requestsPerMinute().isPresent()
                ? RateLimiter.of(name + "-requests", perMinute(policy.requestsPerMinute().getAsInt(), policy.rateLimitWait()))
                : null;
        this.tokenLimiter = policy.tokensPerMinute().isPresent()
                ? RateLimiter.of(name + "-tokens", RateLimiterConfig.custom()
                        .limitForPeriod(policy.tokensPerMinute().getAsInt())
                        .limitRefreshPeriod(Duration.ofMinutes(1))
                        .timeoutDuration(policy.rateLimitWait())
                        .build())
                : null;
        this.circuitBreaker = policy.failureRateThreshold().isPresent()
                ? CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                        .failureRateThreshold(policy.failureRateThreshold().get())
                        .slidingWindowSize(policy.slidingWindowSize())
                        .minimumNumberOfCalls(policy.minimumCalls())
                        .waitDurationInOpenState(policy.openStateWait())
                        .clock(policy.circuitBreakerClock())
                        .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, policy.minimumCalls())))
                        .recordException(Resilience::retryable)
                        // refused locally: no call was made, so neither a failure nor a success
                        .ignoreExceptions(RequestNotPermitted.class, BulkheadFullException.class)
                        .build())
                : null;
        this.bulkhead = policy.maxConcurrentCalls().isPresent()
                ? Bulkhead.of(name, BulkheadConfig.custom()
                        .maxConcurrentCalls(policy.maxConcurrentCalls().getAsInt())
                        .maxWaitDuration(policy.bulkheadWait())
                        .build())
                : null;
    }

    // Spreads the requests of a minute evenly: one permit every 60s / rpm, so no burst at minute boundaries.
    private static RateLimiterConfig perMinute(int rpm, Duration wait) {
        return RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(Math.max(1, 60_000_000_000L / rpm)))
                .timeoutDuration(wait)
                .build();
    }

    /**
     * Creates the instances for a policy.
     *
     * @param name a name for metrics and logs, usually the model id
     * @param policy the policy
     * @return the resilience
     */
    public static Resilience of(String name, ResiliencePolicy policy) {
        return new Resilience(name, policy);
    }

    /**
     * Whether a failure is worth retrying: a retryable {@link BedrockException} that was not refused
     * locally (an open circuit, a full bulkhead).
     *
     * @param failure the failure
     * @return {@code true} to retry
     */
    public static boolean retryable(Throwable failure) {
        return failure instanceof BedrockException bedrock && bedrock.isRetryable()
                && !(bedrock instanceof RejectedCallException);
    }

    /**
     * Wraps a model so that its calls and streams pass these protections.
     *
     * @param model the model
     * @return the protected model
     */
    public ChatModel decorate(ChatModel model) {
        return AroundModels.chat(model, new Guard(this));
    }

    /**
     * Wraps an embedding model so that each of its calls passes these protections. Decorate a model that
     * makes one request per call, as a {@code Bedrock} does through {@link ResilienceRegistry}, for the
     * rate limits to count requests.
     *
     * @param model the model
     * @return the protected model
     */
    public EmbeddingModel decorate(EmbeddingModel model) {
        return AroundModels.embeddings(model, new Guard(this));
    }

    /**
     * Wraps a native model so that its calls and streams pass these protections.
     *
     * @param model the model
     * @return the protected model
     */
    public NativeModel decorate(NativeModel model) {
        return AroundModels.nativeModel(model, new Guard(this));
    }

    /**
     * The name given at creation.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The policy carried out.
     *
     * @return the policy
     */
    public ResiliencePolicy policy() {
        return policy;
    }

    /**
     * The retry, for its events and metrics.
     *
     * @return the retry
     */
    public Retry retry() {
        return retry;
    }

    /**
     * The request rate limiter.
     *
     * @return the limiter, or empty when the policy sets no request rate
     */
    public Optional<RateLimiter> requestLimiter() {
        return Optional.ofNullable(requestLimiter);
    }

    /**
     * The token rate limiter.
     *
     * @return the limiter, or empty when the policy sets no token rate
     */
    public Optional<RateLimiter> tokenLimiter() {
        return Optional.ofNullable(tokenLimiter);
    }

    /**
     * The circuit breaker.
     *
     * @return the circuit breaker, or empty when the policy has none
     */
    public Optional<CircuitBreaker> circuitBreaker() {
        return Optional.ofNullable(circuitBreaker);
    }

    /**
     * The bulkhead.
     *
     * @return the bulkhead, or empty when the policy has none
     */
    public Optional<Bulkhead> bulkhead() {
        return Optional.ofNullable(bulkhead);
    }

    @Override
    public String toString() {
        return "Resilience[" + name + ", " + policy + "]";
    }
}
