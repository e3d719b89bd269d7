package dev.bedrock4j.core.spi;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.internal.ExceptionMapper;
import dev.bedrock4j.core.internal.stream.ForwardingChatStream;
import dev.bedrock4j.core.internal.stream.ResponseAssembler;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.core.stream.StreamCallbacks;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The base of every {@link ChatStream}: the single-use, cold contract (a second subscriber is refused),
 * the response assembled from the delivered events ({@link #snapshot()}), the helpers built on
 * {@link #subscribe(Flow.Subscriber)} ({@code collect}, {@code forEachText}, {@code toStream}, ...), and
 * {@link #cancel()}, which cancels the subscription whichever way the stream was subscribed.
 * A subclass only starts its event source for the one subscriber; its subscription's {@code cancel()} must
 * be safe to call from any thread. For decorators and other modules
 * that produce streams: a tool-use loop, a retrying stream, a fake.
 *
 * <pre>{@code
 * ChatStream stream = new AbstractChatStream("my-model") {
 *     protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
 *         SubmissionPublisher<ChatEvent> events = new SubmissionPublisher<>();
 *         events.subscribe(subscriber);             // onSubscribe first, then events on demand
 *         events.submit(new ChatEvent.MessageStart(Role.ASSISTANT));
 *         events.submit(new ChatEvent.TextDelta(0, "Hello"));
 *         events.close();
 *     }
 * };
 * }</pre>
 *
 * <p>{@link #observe} forwards another stream and runs hooks at its start and end, without a subclass.
 *
 * <p>Thread-safe, as the {@link ChatStream} contract requires.
 */
public abstract class AbstractChatStream implements ChatStream {
    private volatile ResponseAssembler assembler;
    private final String modelId;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Flow.Subscription subscription;
    private final AtomicReference<Runnable> helperCancel = new AtomicReference<>(); // ends a helper's result on cancel()

    /**
     * Creates a stream of a model's answer.
     *
     * @param modelId the model answering, for the snapshot and for error messages
     */
    protected AbstractChatStream(String modelId) {
        this.modelId = modelId;
        this.assembler = new ResponseAssembler(modelId);
    }

    /**
     * Forwards a stream's signals and runs hooks around them: {@code onStart} when the stream is
     * subscribed (before the source is), then exactly one of {@code beforeComplete}, with the assembled
     * response just before it completes normally (a failure in it becomes the stream's error), and
     * {@code onFailure}, with the failure before it is signalled, or with a
     * {@link java.util.concurrent.CancellationException} when the subscriber cancels. Decorators use it to
     * time a stream; conversations to record a turn.
     *
     * <pre>{@code
     * ChatStream timed = AbstractChatStream.observe(model.modelId(), model.stream(request),
     *         () -> started.set(System.nanoTime()),
     *         response -> log.info("{} tokens", response.usage().outputTokens()),
     *         failure -> log.warn("stream failed", failure));
     * }</pre>
     *
     * @param modelId the model answering
     * @param source the stream to forward; subscribed when the returned stream is
     * @param onStart runs on subscription
     * @param beforeComplete runs with the response before {@code onComplete}
     * @param onFailure runs with the failure before {@code onError}, or with a {@code CancellationException}
     *        when the subscriber cancels
     * @return the forwarding stream
     */
    public static ChatStream observe(String modelId, ChatStream source, Runnable onStart,
                                     Consumer<ChatResponse> beforeComplete, Consumer<Throwable> onFailure) {
        return new ForwardingChatStream(modelId, source, onStart, beforeComplete, onFailure);
    }

    /**
     * The model streaming the answer.
     *
     * @return the model id given at creation
     */
    protected final String modelId() {
        return modelId;
    }

    @Override
    public final void subscribe(Flow.Subscriber<? super ChatEvent> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!firstSubscriber(subscribed, subscriber)) {
            return;
        }
        if (cancelled) {
            subscriber.onSubscribe(CancelledSubscription.INSTANCE);
            subscriber.onError(new CancellationException("this stream was cancelled before it was subscribed;"
                    + " start a new one (e.g. prompt.stream()) to get an answer"));
            return;
        }
        start(new Assembling(subscriber));
    }

    @Override
    public final void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        Runnable helper = helperCancel.get();
        if (helper != null) {
            helper.run();
        }
    }

    /**
     * Starts the source for the one subscriber: call {@code onSubscribe} first, then deliver events as
     * requested, then exactly one terminal signal.
     *
     * @param subscriber the one subscriber, already wrapped so that delivered events are assembled
     */
    protected abstract void start(Flow.Subscriber<? super ChatEvent> subscriber);

    /**
     * Starts assembling a new response: {@link #snapshot()} and the helpers report only the events delivered
     * from now on. For sources that stream several model turns (a tool-use loop), where the answer is the
     * last turn. Call it between events, never while one is being delivered.
     */
    protected final void assembleNewResponse() {
        assembler = new ResponseAssembler(modelId);
    }

    /**
     * Maps a failure to the library's exception for this stream's model.
     *
     * @param failure the failure
     * @return the typed exception, as {@link BedrockException#from(Throwable, String)}
     */
    protected final BedrockException map(Throwable failure) {
        return ExceptionMapper.map(failure, modelId);
    }

    @Override
    public final ChatResponse snapshot() {
        return assembler.snapshot();
    }

    @Override
    public final Flow.Publisher<String> text() {
        return subscriber -> subscribe(new TextOnly(Objects.requireNonNull(subscriber, "subscriber")));
    }

    @Override
    public final CompletableFuture<ChatResponse> collect() {
        return subscribe(StreamCallbacks.none());
    }

    @Override
    public final CompletableFuture<ChatResponse> forEachText(Consumer<String> onText) {
        return subscribe(StreamCallbacks.onText(onText));
    }

    @Override
    public final CompletableFuture<ChatResponse> subscribe(StreamCallbacks callbacks) {
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        Callbacks subscriber = new Callbacks(Objects.requireNonNull(callbacks, "callbacks"), result);
        helperCancel.compareAndSet(null, () -> result.cancel(false));
        subscribe(subscriber);
        return result;
    }

    @Override
    public final Stream<ChatEvent> toStream() {
        Blocking blocking = new Blocking();
        helperCancel.compareAndSet(null, blocking::cancelledByStream);
        subscribe(blocking);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(blocking,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(blocking::cancel);
    }

    /** Feeds the assembler before the subscriber sees each event. */
    private final class Assembling implements Flow.Subscriber<ChatEvent> {
        private final Flow.Subscriber<? super ChatEvent> downstream;

        Assembling(Flow.Subscriber<? super ChatEvent> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            Flow.Subscription forgetting = new Flow.Subscription() {
                @Override
                public void request(long n) {
                    s.request(n);
                }

                @Override
                public void cancel() {
                    subscription = null; // a cancelled stream keeps no reference to its subscriber (rule 3.13)
                    s.cancel();
                }
            };
            subscription = forgetting;
            downstream.onSubscribe(forgetting);
            if (cancelled) {
                forgetting.cancel(); // cancel() ran while the source was starting
            }
        }

        @Override
        public void onNext(ChatEvent event) {
            assembler.accept(event);
            downstream.onNext(event);
        }

        @Override
        public void onError(Throwable failure) {
            subscription = null;
            downstream.onError(failure);
        }

        @Override
        public void onComplete() {
            subscription = null;
            downstream.onComplete();
        }
    }

    /** Passes text deltas on and replaces each other event's demand. */
    private static final class TextOnly implements Flow.Subscriber<ChatEvent> {
        private final Flow.Subscriber<? super String> downstream;
        private Flow.Subscription upstream;

        TextOnly(Flow.Subscriber<? super String> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(subscription);
        }

        @Override
        public void onNext(ChatEvent event) {
            if (event instanceof ChatEvent.TextDelta delta) {
                downstream.onNext(delta.text());
            } else {
                upstream.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            downstream.onError(failure);
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }
    }

    /** Runs callbacks and completes a future with the assembled response. */
    private final class Callbacks implements Flow.Subscriber<ChatEvent> {
        private final StreamCallbacks callbacks;
        private final CompletableFuture<ChatResponse> result;
        private Flow.Subscription subscription;

        Callbacks(StreamCallbacks callbacks, CompletableFuture<ChatResponse> result) {
            this.callbacks = callbacks;
            this.result = result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            result.whenComplete((r, t) -> {
                if (result.isCancelled()) {
                    s.cancel();
                }
            });
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ChatEvent event) {
            if (result.isDone()) {
                return;
            }
            try {
                callbacks.onEvent().accept(event);
                if (event instanceof ChatEvent.TextDelta delta) {
                    callbacks.onText().accept(delta.text());
                }
            } catch (RuntimeException callbackFailure) {
                subscription.cancel();
                result.completeExceptionally(callbackFailure);
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (result.isDone()) {
                return;
            }
            try {
                callbacks.onError().accept(failure);
            } finally {
                result.completeExceptionally(failure);
            }
        }

        @Override
        public void onComplete() {
            if (result.isDone()) {
                return;
            }
            ChatResponse response = assembler.snapshot();
            try {
                callbacks.onComplete().accept(response);
                result.complete(response);
            } catch (RuntimeException callbackFailure) {
                result.completeExceptionally(callbackFailure);
            }
        }
    }

    /** A bounded buffer between the stream and a blocking iterator; demand is refilled as events are taken. */
    private static final class Blocking implements Flow.Subscriber<ChatEvent>, Iterator<ChatEvent> {
        private static final int BATCH = 16;
        private static final Object DONE = new Object();

        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private Object next;
        private int taken;
        private boolean finished;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(BATCH);
        }

        @Override
        public void onNext(ChatEvent event) {
            queue.add(event);
        }

        @Override
        public void onError(Throwable failure) {
            queue.add(new Failure(failure));
        }

        @Override
        public void onComplete() {
            queue.add(DONE);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            finished = true;
        }

        /** The stream was cancelled through {@link AbstractChatStream#cancel()}: the consumer learns it after the events already queued. */
        void cancelledByStream() {
            queue.add(new Failure(new CancellationException("the stream was cancelled")));
        }

        @Override
        public boolean hasNext() {
            if (next == null && !finished) {
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel();
                    throw new BedrockException("interrupted while waiting for the next streamed event", e);
                }
                if (next == DONE) {
                    finished = true;
                    next = null;
                } else if (next instanceof Failure failure) {
                    finished = true;
                    next = null;
                    if (failure.error instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new BedrockException(String.valueOf(failure.error.getMessage()), failure.error);
                }
            }
            return next != null;
        }

        @Override
        public ChatEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the stream has ended");
            }
            ChatEvent event = (ChatEvent) next;
            next = null;
            if (++taken == BATCH / 2) {
                taken = 0;
                subscription.request(BATCH / 2);
            }
            return event;
        }

        private record Failure(Throwable error) {
        }
    }

    /**
     * The single-use rule of every stream, for publishers that are not chat streams themselves: the first
     * subscriber is let through; any later one receives {@code onSubscribe} with a subscription that does
     * nothing, then {@code onError(IllegalStateException)}.
     *
     * @param subscribed the publisher's flag, set by the first subscriber
     * @param subscriber the subscriber arriving
     * @return {@code true} for the first subscriber; {@code false} after refusing a later one
     */
    public static boolean firstSubscriber(AtomicBoolean subscribed, Flow.Subscriber<?> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (subscribed.compareAndSet(false, true)) {
            return true;
        }
        subscriber.onSubscribe(CancelledSubscription.INSTANCE);
        subscriber.onError(new IllegalStateException("this stream already has a subscriber: a stream is single-use,"
                + " so start a new one (e.g. prompt.stream()) for each subscriber"));
        return false;
    }

    /** The subscription given to a refused second subscriber: it does nothing. */
    private enum CancelledSubscription implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
