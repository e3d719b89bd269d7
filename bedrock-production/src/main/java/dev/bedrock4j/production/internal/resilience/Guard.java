package dev.bedrock4j.production.internal.resilience;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.RejectedCallException;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.core.tokens.TokenCounter;
import dev.bedrock4j.production.internal.model.Around;
import dev.bedrock4j.production.resilience.Resilience;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A {@link Resilience} around every operation of a model. A blocking call runs as
 * {@code Retry(CircuitBreaker(RateLimiter(Bulkhead(attempt))))}, so every attempt is rate limited and counted
 * by the circuit, and the failure that ends the call records how many attempts were made; streams are
 * retried before their first item by a {@link RetryingPublisher}. Thread-safe.
 */
public final class Guard implements Around {
    private final Resilience resilience;

    /** The protections of one resilience. */
    public Guard(Resilience resilience) {
        this.resilience = resilience;
    }

    @Override
    public <T> T call(String operation, String modelId, IntSupplier tokens, Supplier<T> call, Function<? super T, Usage> usage) {
        return call(resilience, modelId, tokens(tokens), call);
    }

    @Override
    public TokenCounter tokenCounter() {
        return resilience.policy().tokenCounter();
    }

    /** The tokens of a call, counted only when a token limit needs them. */
    private int tokens(IntSupplier tokens) {
        return resilience.tokenLimiter().isPresent() ? tokens.getAsInt() : 1;
    }

    @Override
    public ChatStream stream(String modelId, IntSupplier tokens, Supplier<ChatStream> streams) {
        return RetryingPublisher.chatStream(modelId, resilience, tokens(tokens), streams);
    }

    @Override
    public <T> Flow.Publisher<T> publisher(String modelId, IntSupplier tokens, Supplier<Flow.Publisher<T>> publishers) {
        return new RetryingPublisher<>(modelId, resilience, tokens(tokens), attempt -> publishers.get());
    }

    @Override
    public String toString() {
        return "Resilient[" + resilience.policy() + "]";
    }

    /**
     * Calls {@code attempt} until it succeeds, fails for good or runs out of attempts.
     *
     * @param resilience the protections
     * @param modelId the model, for messages
     * @param tokens the tokens one attempt counts against the token rate limit
     * @param attempt one attempt; throws a {@link BedrockException} on failure
     * @return the result
     * @throws BedrockException the last failure, with {@link BedrockException#attempts()} set to the requests
     *         all attempts made (an attempt the protections refused made none)
     */
    static <T> T call(Resilience resilience, String modelId, int tokens, Supplier<T> attempt) {
        AtomicInteger requests = new AtomicInteger();
        Supplier<T> counted = () -> {
            try {
                T result = attempt.get();
                requests.incrementAndGet();
                return result;
            } catch (RuntimeException e) {
                // mapped here, so that the retry and the circuit breaker judge the same exception a stream's would
                BedrockException failure = map(e, resilience, modelId);
                requests.addAndGet(failure.attempts());
                throw failure;
            }
        };
        Supplier<T> guarded = perAttempt(resilience, tokens, counted);
        try {
            return Retry.decorateSupplier(resilience.retry(), guarded).get();
        } catch (RuntimeException e) {
            BedrockException failure = map(e, resilience, modelId);
            failure.recordAttempts(Math.max(1, requests.get()));
            throw failure;
        }
    }

    // One attempt: bulkhead, rate limits and circuit breaker around the call, innermost first.
    private static <T> Supplier<T> perAttempt(Resilience resilience, int tokens, Supplier<T> call) {
        Supplier<T> supplier = call;
        if (resilience.bulkhead().isPresent()) {
            supplier = Bulkhead.decorateSupplier(resilience.bulkhead().get(), supplier);
        }
        if (resilience.tokenLimiter().isPresent()) {
            int permits = Math.min(tokens, resilience.policy().tokensPerMinute().orElse(Integer.MAX_VALUE));
            supplier = RateLimiter.decorateSupplier(resilience.tokenLimiter().get(), permits, supplier);
        }
        if (resilience.requestLimiter().isPresent()) {
            supplier = RateLimiter.decorateSupplier(resilience.requestLimiter().get(), supplier);
        }
        if (resilience.circuitBreaker().isPresent()) {
            supplier = CircuitBreaker.decorateSupplier(resilience.circuitBreaker().get(), supplier);
        }
        return supplier;
    }

    /** Maps the resilience library's refusals to {@link RejectedCallException}; other failures to the hierarchy. */
    public static BedrockException map(Throwable failure, Resilience resilience, String modelId) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CallNotPermittedException) {
            return new RejectedCallException("the circuit breaker for " + modelId + " is open after repeated failures;"
                    + " calls resume after " + resilience.policy().openStateWait(), t, modelId);
        }
        if (t instanceof RequestNotPermitted) {
            return new RejectedCallException("the rate limit for " + modelId + " allowed no call within "
                    + resilience.policy().rateLimitWait(), t, modelId);
        }
        if (t instanceof BulkheadFullException) {
            return new RejectedCallException("all " + resilience.policy().maxConcurrentCalls().orElse(0)
                    + " concurrent-call slots for " + modelId + " stayed busy for " + resilience.policy().bulkheadWait(),
                    t, modelId);
        }
        return BedrockException.from(t, modelId);
    }
}
