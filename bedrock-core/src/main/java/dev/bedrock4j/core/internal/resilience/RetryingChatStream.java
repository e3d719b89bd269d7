package dev.bedrock4j.core.internal.resilience;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.internal.stream.AbstractChatStream;
import dev.bedrock4j.core.resilience.Resilience;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A stream that passes a {@link Resilience}'s protections without ever blocking the subscribing thread:
 * rate-limit slots are reserved and the attempt scheduled for when they come due; the bulkhead and the
 * circuit breaker are asked without waiting. A retryable failure before the first event starts a new
 * attempt after the backoff, invisibly to the subscriber, whose demand carries over; once an event was
 * delivered, a failure ends the stream. Thread-safe.
 */
final class RetryingChatStream extends AbstractChatStream {
    private final Resilience resilience;
    private final int tokens;
    private final IntFunction<ChatStream> attempts;
    private final Function<Throwable, BedrockException> mapper;

    RetryingChatStream(String modelId, Resilience resilience, int tokens, IntFunction<ChatStream> attempts,
                       Function<Throwable, BedrockException> mapper) {
        super(modelId);
        this.resilience = resilience;
        this.tokens = tokens;
        this.attempts = attempts;
        this.mapper = mapper;
    }

    @Override
    protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
        Run run = new Run(subscriber);
        subscriber.onSubscribe(run);
        run.begin(1);
    }

    private final class Run implements Flow.Subscription {
        private final Flow.Subscriber<? super ChatEvent> downstream;
        private final Object lock = new Object();
        private Flow.Subscription current;
        private long pending;
        private boolean delivered;
        private boolean done;
        private long attemptStarted;

        Run(Flow.Subscriber<? super ChatEvent> downstream) {
            this.downstream = downstream;
        }

        void begin(int attempt) {
            long waitNanos = 0;
            try {
                waitNanos = reserveRate();
            } catch (BedrockException rejected) {
                finish(rejected);
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
                throw mapper.apply(io.github.resilience4j.ratelimiter.RequestNotPermitted.createRequestNotPermitted(limiter));
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
                finish(mapper.apply(io.github.resilience4j.circuitbreaker.CallNotPermittedException
                        .createCallNotPermittedException(breaker)));
                return;
            }
            Bulkhead bulkhead = resilience.bulkhead().orElse(null);
            if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
                if (breaker != null) {
                    breaker.releasePermission();
                }
                finish(mapper.apply(io.github.resilience4j.bulkhead.BulkheadFullException.createBulkheadFullException(bulkhead)));
                return;
            }
            attemptStarted = System.nanoTime();
            ChatStream stream;
            try {
                stream = attempts.apply(attempt);
            } catch (RuntimeException e) {
                release(breaker, bulkhead, e);
                finish(mapper.apply(e));
                return;
            }
            stream.subscribe(new Flow.Subscriber<ChatEvent>() {
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
                public void onNext(ChatEvent event) {
                    synchronized (lock) {
                        if (done) {
                            return;
                        }
                        delivered = true;
                        if (pending != Long.MAX_VALUE) {
                            pending--;
                        }
                    }
                    downstream.onNext(event);
                }

                @Override
                public void onError(Throwable failure) {
                    release(breaker, bulkhead, failure);
                    BedrockException mapped = mapper.apply(failure);
                    boolean retry;
                    synchronized (lock) {
                        retry = !done && !delivered && attempt < resilience.policy().maxAttempts() && Resilience.retryable(mapped);
                        current = null;
                    }
                    if (retry) {
                        CompletableFuture.runAsync(() -> begin(attempt + 1), CompletableFuture.delayedExecutor(
                                resilience.backoff(attempt).toNanos(), TimeUnit.NANOSECONDS));
                    } else {
                        finish(mapped);
                    }
                }

                @Override
                public void onComplete() {
                    release(breaker, bulkhead, null);
                    finish(null);
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
                    breaker.onError(elapsed, TimeUnit.NANOSECONDS, mapper.apply(failure));
                }
            }
        }

        private void finish(Throwable failure) {
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
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
