package dev.bedrock4j.core.internal.resilience;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.RejectedCallException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.internal.ExceptionMapper;
import dev.bedrock4j.core.resilience.Resilience;
import dev.bedrock4j.core.stream.ChatStream;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import java.util.function.Supplier;

/** A {@link ChatModel} whose calls and streams pass a {@link Resilience}'s protections. Thread-safe. */
public final class ResilientChatModel implements ChatModel {
    private final ChatModel delegate;
    private final Resilience resilience;

    /** Wraps a model. */
    public ResilientChatModel(ChatModel delegate, Resilience resilience) {
        this.delegate = delegate;
        this.resilience = resilience;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    /** The model protected. */
    public ChatModel delegate() {
        return delegate;
    }

    /** The protections applied. */
    public Resilience resilience() {
        return resilience;
    }

    @Override
    public ChatResponse call(ChatRequest request) {
        Supplier<ChatResponse> attempt = guarded(() -> delegate.call(request), request);
        Supplier<ChatResponse> retried = Retry.decorateSupplier(resilience.retry(), attempt);
        try {
            return retried.get();
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    /** One attempt: bulkhead, rate limits and circuit breaker around the call, innermost first. */
    private <T> Supplier<T> guarded(Supplier<T> call, ChatRequest request) {
        Supplier<T> supplier = call;
        if (resilience.bulkhead().isPresent()) {
            supplier = Bulkhead.decorateSupplier(resilience.bulkhead().get(), supplier);
        }
        if (resilience.tokenLimiter().isPresent()) {
            supplier = RateLimiter.decorateSupplier(resilience.tokenLimiter().get(), tokens(request), supplier);
        }
        if (resilience.requestLimiter().isPresent()) {
            supplier = RateLimiter.decorateSupplier(resilience.requestLimiter().get(), supplier);
        }
        if (resilience.circuitBreaker().isPresent()) {
            supplier = CircuitBreaker.decorateSupplier(resilience.circuitBreaker().get(), supplier);
        }
        return supplier;
    }

    private int tokens(ChatRequest request) {
        int limit = resilience.policy().tokensPerMinute().orElse(Integer.MAX_VALUE);
        return Math.min(TokenEstimates.estimate(request), limit);
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        ChatStream first = delegate.stream(request); // runs the pre-flight checks now; the call starts on subscribe
        return new RetryingChatStream(modelId(), resilience, TokenEstimates.estimate(request),
                attempt -> attempt == 1 ? first : delegate.stream(request), this::map);
    }

    /** Maps the resilience library's refusals to {@link RejectedCallException}; other failures to the hierarchy. */
    BedrockException map(Throwable failure) {
        Throwable t = ExceptionMapper.unwrap(failure);
        if (t instanceof CallNotPermittedException) {
            return new RejectedCallException("the circuit breaker for " + modelId()
                    + " is open after repeated failures; calls resume after " + resilience.policy().openStateWait(), t, modelId());
        }
        if (t instanceof RequestNotPermitted) {
            return new RejectedCallException("the rate limit for " + modelId() + " allowed no call within "
                    + resilience.policy().rateLimitWait(), t, modelId());
        }
        if (t instanceof BulkheadFullException) {
            return new RejectedCallException("all " + resilience.policy().maxConcurrentCalls().orElse(0)
                    + " concurrent-call slots for " + modelId() + " stayed busy for " + resilience.policy().bulkheadWait(), t, modelId());
        }
        return ExceptionMapper.map(t, modelId());
    }

    @Override
    public String toString() {
        return "ResilientChatModel[" + delegate + ", " + resilience.policy() + "]";
    }
}
