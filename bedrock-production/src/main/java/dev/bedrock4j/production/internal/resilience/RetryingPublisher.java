package dev.bedrock4j.production.internal.resilience;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.production.resilience.Resilience;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A single-use publisher that passes a {@link Resilience}'s protections without ever blocking the
 * subscribing thread: rate-limit slots are reserved and the attempt scheduled for when they come due; the
 * bulkhead and the circuit breaker are asked without waiting. A retryable failure before the first item
 * starts a new attempt after the backoff, invisibly to the subscriber, whose demand carries over; once an
 * item was delivered, a failure ends the stream. Attempts go through the {@link Retry}'s async context,
 * so its events (and the metrics bound to them) count stream retries like call retries. Thread-safe.
 *
 * @param <T> the item type
 */
public final class RetryingPublisher<T> implements Flow.Publisher<T> {
    private final String modelId;
    private final Resilience resilience;
    private final int tokens;
    private final IntFunction<Flow.Publisher<? extends T>> attempts;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /**
     * @param modelId the model, for messages
     * @param resilience the protections
     * @param tokens the tokens one attempt counts against the token rate limit
     * @param attempts the source of attempt number {@code n} (from 1); each is subscribed once
     */
    public RetryingPublisher(String modelId, Resilience resilience, int tokens, IntFunction<Flow.Publisher<? extends T>> attempts) {
        this.modelId = modelId;
        this.resilience = resilience;
        this.tokens = tokens;
        this.attempts = attempts;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(AbstractChatStream.CancelledSubscription.INSTANCE);
            subscriber.onError(new IllegalStateException("this stream already has a subscriber: it is single-use"));
            return;
        }
        Run run = new Run(subscriber);
        subscriber.onSubscribe(run);
        run.begin(1);
    }

    /**
     * A chat stream retried before its first event. The first attempt's stream is created at once, so the
     * model's pre-flight checks fail here, before anything is subscribed.
     *
     * @param modelId the model, for messages
     * @param resilience the protections
     * @param tokens the tokens one attempt counts against the token rate limit
     * @param streams creates the stream of one attempt
     * @return the stream
     */
    public static ChatStream chatStream(String modelId, Resilience resilience, int tokens, Supplier<ChatStream> streams) {
        ChatStream first = streams.get();
        RetryingPublisher<ChatEvent> events = new RetryingPublisher<>(modelId, resilience, tokens,
                attempt -> attempt == 1 ? first : streams.get());
        return new AbstractChatStream(modelId) {
            @Override
            protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
                events.subscribe(subscriber);
            }
        };
    }

    private BedrockException map(Throwable failure) {
        return Guard.map(failure, resilience, modelId);
    }

    private final class Run implements Flow.Subscription {
        private final Flow.Subscriber<? super T> downstream;
        private final Retry.AsyncContext<Object> retry = resilience.retry().asyncContext();
        private final Object lock = new Object();
        private Flow.Subscription current;
        private long pending;
        private boolean delivered;
        private boolean done;
        private long attemptStarted;

        Run(Flow.Subscriber<? super T> downstream) {
            this.downstream = downstream;
        }

        void begin(int attempt) {
            long waitNanos = 0;
            try {
                waitNanos = reserveRate();
            } catch (BedrockException rejected) {
                finish(rejected, attempt);
                return;
            }
            if (waitNanos > 0) {
                CompletableFuture.runAsync(() -> launch(attempt),
                        CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS));
            } else {
                launch(attempt);
            }
        }

        private long reserveRate() {
            long wait = 0;
            if (resilience.requestLimiter().isPresent()) {
                wait = Math.max(wait, reserve(resilience.requestLimiter().get(), 1));
            }
            if (resilience.tokenLimiter().isPresent()) {
                int permits = Math.min(tokens, resilience.policy().tokensPerMinute().orElse(Integer.MAX_VALUE));
                wait = Math.max(wait, reserve(resilience.tokenLimiter().get(), permits));
            }
            return wait;
        }

        private long reserve(RateLimiter limiter, int permits) {
            long nanos = limiter.reservePermission(permits);
            if (nanos < 0) {
                throw map(io.github.resilience4j.ratelimiter.RequestNotPermitted.createRequestNotPermitted(limiter));
            }
            return nanos;
        }

        private void launch(int attempt) {
            synchronized (lock) {
                if (done) {
                    return;
                }
            }
            CircuitBreaker breaker = resilience.circuitBreaker().orElse(null);
            if (breaker != null && !breaker.tryAcquirePermission()) {
                finish(map(io.github.resilience4j.circuitbreaker.CallNotPermittedException
                        .createCallNotPermittedException(breaker)), attempt);
                return;
            }
            Bulkhead bulkhead = resilience.bulkhead().orElse(null);
            if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
                if (breaker != null) {
                    breaker.releasePermission();
                }
                finish(map(io.github.resilience4j.bulkhead.BulkheadFullException.createBulkheadFullException(bulkhead)), attempt);
                return;
            }
            attemptStarted = System.nanoTime();
            Flow.Publisher<? extends T> source;
            try {
                source = attempts.apply(attempt);
            } catch (RuntimeException e) {
                release(breaker, bulkhead, e);
                finish(map(e), attempt);
                return;
            }
            source.subscribe(new Flow.Subscriber<T>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    long wanted;
                    boolean cancelNow;
                    synchronized (lock) {
                        current = subscription;
                        wanted = pending;
                        cancelNow = done;
                    }
                    if (cancelNow) {
                        subscription.cancel();
                    } else if (wanted > 0) {
                        subscription.request(wanted);
                    }
                }

                @Override
                public void onNext(T item) {
                    synchronized (lock) {
                        if (done) {
                            return;
                        }
                        delivered = true;
                        if (pending != Long.MAX_VALUE) {
                            pending--;
                        }
                    }
                    downstream.onNext(item);
                }

                @Override
                public void onError(Throwable failure) {
                    release(breaker, bulkhead, failure);
                    BedrockException mapped = map(failure);
                    boolean retryable;
                    synchronized (lock) {
                        retryable = !done && !delivered;
                        current = null;
                    }
                    // the Retry decides (and publishes its event) only while a retry is still possible
                    long delayMillis = retryable ? retry.onError(mapped) : -1;
                    if (delayMillis >= 0) {
                        CompletableFuture.runAsync(() -> begin(attempt + 1), CompletableFuture.delayedExecutor(
                                delayMillis, TimeUnit.MILLISECONDS));
                    } else {
                        finish(mapped, attempt);
                    }
                }

                @Override
                public void onComplete() {
                    release(breaker, bulkhead, null);
                    retry.onComplete();
                    finish(null, attempt);
                }
            });
        }

        private void release(CircuitBreaker breaker, Bulkhead bulkhead, Throwable failure) {
            if (bulkhead != null) {
                bulkhead.onComplete();
            }
            if (breaker != null) {
                long elapsed = System.nanoTime() - attemptStarted;
                if (failure == null) {
                    breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                } else {
                    breaker.onError(elapsed, TimeUnit.NANOSECONDS, map(failure));
                }
            }
        }

        private void finish(BedrockException failure, int attempt) {
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
            }
            if (failure != null && attempt > failure.attempts()) {
                failure.recordAttempts(attempt);
            }
            if (failure == null) {
                downstream.onComplete();
            } else {
                downstream.onError(failure);
            }
        }

        @Override
        public void request(long n) {
            Flow.Subscription target;
            synchronized (lock) {
                if (done) {
                    return;
                }
                if (n <= 0) {
                    done = true; // rule 3.9: cancel, then signal the error
                } else {
                    pending = pending + n < 0 ? Long.MAX_VALUE : pending + n;
                }
                target = current;
            }
            if (n <= 0) {
                if (target != null) {
                    target.cancel();
                }
                downstream.onError(new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams rule 3.9)"));
                return;
            }
            if (target != null) {
                target.request(n);
            }
        }

        @Override
        public void cancel() {
            Flow.Subscription target;
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
                target = current;
            }
            if (target != null) {
                target.cancel();
            }
        }
    }
}
