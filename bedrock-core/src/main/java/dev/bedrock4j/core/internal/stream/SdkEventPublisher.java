package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.internal.ExceptionMapper;
import dev.bedrock4j.core.spi.AbstractChatStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.awscore.eventstream.EventStreamResponseHandler;
import software.amazon.awssdk.core.async.SdkPublisher;

/**
 * A single-use {@link Flow.Publisher} over an AWS SDK event-stream call (ConverseStream,
 * InvokeModelWithResponseStream, ...), mapping each SDK event to at most one item. Demand passes straight
 * through to the SDK's publisher, so the HTTP stream is read only as fast as the subscriber asks;
 * cancelling cancels both the SDK subscription and the call. Retries the SDK makes before the first item
 * are invisible; a failure after an item was delivered ends the stream with that failure (mapped to a
 * {@link dev.bedrock4j.core.BedrockException}) instead of letting a retry replay items. Every failure from the
 * SDK reaches the subscriber as a typed {@code BedrockException}; only this publisher's own Reactive Streams
 * rule 3.9 error stays an {@code IllegalArgumentException}. When the owning {@code Bedrock} instance closes, a
 * running stream fails with {@link dev.bedrock4j.core.ClientClosedException} (see {@link OpenStreams}).
 * Thread-safe.
 *
 * @param <H> the SDK response handler type
 * @param <E> the SDK event type
 * @param <T> the item type
 */
public final class SdkEventPublisher<H, E, T> implements Flow.Publisher<T> {
    private final String modelId;
    private final OpenStreams openStreams;
    private final BiFunction<Consumer<SdkPublisher<E>>, Consumer<Throwable>, H> handler;
    private final Function<H, CompletableFuture<Void>> call;
    private final Function<E, T> mapper;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /**
     * A publisher whose streams no {@code Bedrock} instance tracks.
     *
     * @param modelId the model answering, for error messages
     * @param handlerBuilder the operation's SDK handler builder, such as {@code ConverseStreamResponseHandler::builder}
     * @param build builds the handler, such as {@code ConverseStreamResponseHandler.Builder::build}
     * @param call starts the SDK call with the handler
     * @param mapper maps an SDK event to an item, or to {@code null} to skip it
     * @param <B> the SDK handler builder type
     */
    public <B extends EventStreamResponseHandler.Builder<?, E, B>> SdkEventPublisher(String modelId,
            Supplier<B> handlerBuilder, Function<B, H> build, Function<H, CompletableFuture<Void>> call, Function<E, T> mapper) {
        this(modelId, new OpenStreams(), handlerBuilder, build, call, mapper);
    }

    /**
     * @param modelId the model answering, for error messages
     * @param openStreams the running streams of the {@code Bedrock} instance whose clients the call uses
     * @param handlerBuilder the operation's SDK handler builder, such as {@code ConverseStreamResponseHandler::builder}
     * @param build builds the handler, such as {@code ConverseStreamResponseHandler.Builder::build}
     * @param call starts the SDK call with the handler
     * @param mapper maps an SDK event to an item, or to {@code null} to skip it
     * @param <B> the SDK handler builder type
     */
    public <B extends EventStreamResponseHandler.Builder<?, E, B>> SdkEventPublisher(String modelId, OpenStreams openStreams,
            Supplier<B> handlerBuilder, Function<B, H> build, Function<H, CompletableFuture<Void>> call, Function<E, T> mapper) {
        this.modelId = modelId;
        this.openStreams = openStreams;
        this.handler = (onEventStream, onError) -> build.apply(handlerBuilder.get().onEventStream(onEventStream).onError(onError));
        this.call = call;
        this.mapper = mapper;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        if (!AbstractChatStream.firstSubscriber(subscribed, subscriber)) {
            return;
        }
        Bridge bridge = new Bridge(subscriber);
        subscriber.onSubscribe(bridge);
        if (bridge.isDone()) {
            return;
        }
        if (!openStreams.add(bridge)) {
            bridge.closed();
            return;
        }
        CompletableFuture<Void> future;
        try {
            future = call.apply(handler.apply(bridge::onEventStream, bridge::callFailed));
        } catch (RuntimeException e) {
            bridge.fail(openStreams.isClosed() ? OpenStreams.failure(modelId) : e);
            return;
        }
        bridge.attach(future);
    }

    /** Subscription for the library subscriber, subscriber of the SDK publisher, and what the SDK's response handler calls. */
    private final class Bridge implements Flow.Subscription, Subscriber<E>, OpenStreams.Member {
        private final Flow.Subscriber<? super T> downstream;
        private final Object lock = new Object();
        private Subscription upstream;
        private CompletableFuture<Void> future;
        private long pending;
        private long delivered;
        private boolean done;
        private boolean eventStream;

        Bridge(Flow.Subscriber<? super T> downstream) {
            this.downstream = downstream;
        }

        boolean isDone() {
            synchronized (lock) {
                return done;
            }
        }

        void attach(CompletableFuture<Void> call) {
            boolean cancelNow;
            synchronized (lock) {
                future = call;
                cancelNow = done;
            }
            if (cancelNow) {
                call.cancel(true);
                return;
            }
            call.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    fail(failure);
                } else if (!sawEventStream()) {
                    finish(); // no event stream at all; otherwise the publisher's onComplete ends the stream
                }
            });
        }

        // ---- Flow.Subscription (the library subscriber's side)

        @Override
        public void request(long n) {
            if (n <= 0) {
                terminate(new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams rule 3.9)"));
                return;
            }
            Subscription up;
            synchronized (lock) {
                if (done) {
                    return;
                }
                pending = pending + n < 0 ? Long.MAX_VALUE : pending + n;
                up = upstream;
            }
            if (up != null) {
                up.request(n);
            }
        }

        @Override
        public void cancel() {
            Subscription up;
            CompletableFuture<Void> call;
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
                up = upstream;
                call = future;
            }
            openStreams.remove(this);
            if (up != null) {
                up.cancel();
            }
            if (call != null) {
                call.cancel(true);
            }
        }

        // ---- the SDK response handler's callbacks (the SDK call's side)

        void onEventStream(SdkPublisher<E> publisher) {
            synchronized (lock) {
                eventStream = true;
            }
            publisher.subscribe(this);
        }

        private boolean sawEventStream() {
            synchronized (lock) {
                return eventStream;
            }
        }

        void callFailed(Throwable failure) {
            boolean eventsSeen;
            synchronized (lock) {
                eventsSeen = delivered > 0;
                upstream = null;
            }
            // Before any event the SDK may retry transparently; after one, a retry would replay events.
            if (eventsSeen) {
                fail(failure);
            }
        }

        // ---- Reactive Streams Subscriber (the SDK publisher's side)

        @Override
        public void onSubscribe(Subscription subscription) {
            long wanted;
            synchronized (lock) {
                if (done) {
                    wanted = -1;
                } else {
                    upstream = subscription;
                    wanted = pending;
                }
            }
            if (wanted < 0) {
                subscription.cancel();
            } else if (wanted > 0) {
                subscription.request(wanted);
            }
        }

        @Override
        public void onNext(E sdkEvent) {
            T event = mapper.apply(sdkEvent);
            Subscription up;
            synchronized (lock) {
                if (done) {
                    return;
                }
                up = upstream;
                if (event != null) {
                    delivered++;
                    if (pending != Long.MAX_VALUE) {
                        pending--;
                    }
                }
            }
            if (event == null) {
                if (up != null) {
                    up.request(1); // a skipped event must not use up the subscriber's demand
                }
                return;
            }
            synchronized (downstream) {
                downstream.onNext(event);
            }
        }

        @Override
        public void onError(Throwable failure) {
            boolean eventsSeen;
            synchronized (lock) {
                eventsSeen = delivered > 0;
            }
            if (eventsSeen) {
                fail(failure);
            }
            // otherwise the call's future reports the final outcome, after any retries
        }

        @Override
        public void onComplete() {
            finish();
        }

        // ---- terminal signals, at most one, serialised with onNext

        @Override
        public void closed() {
            terminate(OpenStreams.failure(modelId));
        }

        /** Ends the stream with a failure of the call, mapped to the library's exceptions. */
        void fail(Throwable failure) {
            terminate(ExceptionMapper.map(failure, modelId));
        }

        /** Ends the stream with this exact error. */
        private void terminate(Throwable error) {
            CompletableFuture<Void> call;
            Subscription up;
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
                call = future;
                up = upstream;
            }
            openStreams.remove(this);
            if (up != null) {
                up.cancel();
            }
            if (call != null && !call.isDone()) {
                call.cancel(true);
            }
            synchronized (downstream) {
                downstream.onError(error);
            }
        }

        void finish() {
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
            }
            openStreams.remove(this);
            synchronized (downstream) {
                downstream.onComplete();
            }
        }
    }
}
