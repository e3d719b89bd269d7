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
        if (!AbstractChatStream.firstSubscriber(subscribed, subscriber)) {
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
        // Signals to the subscriber go out under this lock, one at a time (Reactive Streams rule 1.3); it is
        // reentrant, so a subscriber may request or cancel from within onNext.
        private final Object emitting = new Object();
        private Attempt current;
        private long pending;
        private boolean delivered;
        private boolean done;
        private int sent; // the requests the attempts so far made, the SDK's own retries included

        Run(Flow.Subscriber<? super T> downstream) {
            this.downstream = downstream;
        }

        void begin(int attempt) {
            long waitNanos;
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
                throw map(io.github.resilience4j.ratelimiter.RequestNotPermitted.createRequestNotPermitted(limiter));
            }
            return nanos;
        }

        private void launch(int number) {
            synchronized (lock) {
                if (done) {
                    return;
                }
            }
            CircuitBreaker breaker = resilience.circuitBreaker().orElse(null);
            if (breaker != null && !breaker.tryAcquirePermission()) {
                finish(map(io.github.resilience4j.circuitbreaker.CallNotPermittedException.createCallNotPermittedException(breaker)));
                return;
            }
            Bulkhead bulkhead = resilience.bulkhead().orElse(null);
            if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
                if (breaker != null) {
                    breaker.releasePermission();
                }
                finish(map(io.github.resilience4j.bulkhead.BulkheadFullException.createBulkheadFullException(bulkhead)));
                return;
            }
            Attempt attempt = new Attempt(number, breaker, bulkhead);
            boolean cancelled;
            synchronized (lock) {
                cancelled = done;
                current = attempt;
            }
            if (cancelled) {
                attempt.abandon();
                return;
            }
            Flow.Publisher<? extends T> source;
            try {
                source = attempts.apply(number);
            } catch (RuntimeException e) {
                BedrockException mapped = map(e);
                attempt.release(mapped);
                finish(mapped);
                return;
            }
            source.subscribe(attempt);
        }

        /** One attempt: its permissions, released exactly once, and the subscriber of its source. */
        private final class Attempt implements Flow.Subscriber<T> {
            private final int number;
            private final CircuitBreaker breaker;
            private final Bulkhead bulkhead;
            private final long started = System.nanoTime();
            private final AtomicBoolean released = new AtomicBoolean();
            private volatile Flow.Subscription subscription;

            Attempt(int number, CircuitBreaker breaker, Bulkhead bulkhead) {
                this.number = number;
                this.breaker = breaker;
                this.bulkhead = bulkhead;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                long wanted;
                boolean cancelNow;
                synchronized (lock) {
                    wanted = pending;
                    cancelNow = done;
                }
                if (cancelNow) {
                    abandon();
                } else if (wanted > 0) {
                    s.request(wanted);
                }
            }

            @Override
            public void onNext(T item) {
                synchronized (emitting) {
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
            }

            @Override
            public void onError(Throwable failure) {
                BedrockException mapped = map(failure);
                release(mapped);
                boolean retryable;
                synchronized (lock) {
                    retryable = !done && !delivered;
                    sent += mapped.attempts();
                    if (current == this) {
                        current = null;
                    }
                }
                // the Retry decides (and publishes its event) only while a retry is still possible
                long delayMillis = retryable ? retry.onError(mapped) : -1;
                if (delayMillis >= 0) {
                    CompletableFuture.runAsync(() -> begin(number + 1),
                            CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
                } else {
                    finish(mapped);
                }
            }

            @Override
            public void onComplete() {
                release(null);
                retry.onComplete();
                finish(null);
            }

            /** Returns the permissions, recording the outcome with the circuit breaker; only the first call counts. */
            void release(BedrockException failure) {
                if (!released.compareAndSet(false, true)) {
                    return;
                }
                if (bulkhead != null) {
                    bulkhead.onComplete();
                }
                if (breaker != null) {
                    long elapsed = System.nanoTime() - started;
                    if (failure == null) {
                        breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                    } else {
                        breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
                    }
                }
            }

            /** Cancels the source and returns the permissions without an outcome: the subscriber went away. */
            void abandon() {
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
                if (!released.compareAndSet(false, true)) {
                    return;
                }
                if (bulkhead != null) {
                    bulkhead.onComplete();
                }
                if (breaker != null) {
                    breaker.releasePermission();
                }
            }
        }

        private void finish(BedrockException failure) {
            int requests;
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
                requests = sent;
            }
            synchronized (emitting) {
                if (failure == null) {
                    downstream.onComplete();
                } else {
                    failure.recordAttempts(Math.max(1, requests));
                    downstream.onError(failure);
                }
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                Attempt attempt;
                synchronized (lock) {
                    if (done) {
                        return;
                    }
                    done = true;
                    attempt = current;
                    current = null;
                }
                if (attempt != null) {
                    attempt.abandon();
                }
                synchronized (emitting) { // rule 3.9: cancel, then signal the error
                    downstream.onError(new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams rule 3.9)"));
                }
                return;
            }
            Flow.Subscription target;
            synchronized (lock) {
                if (done) {
                    return;
                }
                pending = pending + n < 0 ? Long.MAX_VALUE : pending + n;
                target = current == null ? null : current.subscription;
            }
            if (target != null) {
                target.request(n);
            }
        }

        @Override
        public void cancel() {
            Attempt attempt;
            synchronized (lock) {
                done = true;
                attempt = current;
                current = null;
            }
            if (attempt != null) {
                attempt.abandon();
            }
        }
    }
}
