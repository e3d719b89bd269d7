package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A stream that passes another stream's signals through and runs a hook with the assembled response
 * just before it completes normally; conversations use it to record a streamed turn. Thread-safe.
 */
public final class ForwardingChatStream extends AbstractChatStream {
    private final ChatStream source;
    private final Consumer<ChatResponse> beforeComplete;
    private final Consumer<Throwable> onFailure;
    private final Runnable onStart;

    /**
     * @param modelId the model answering
     * @param source the stream to forward
     * @param beforeComplete runs with the assembled response before {@code onComplete}; a failure in it
     *        becomes the stream's error
     */
    public ForwardingChatStream(String modelId, ChatStream source, Consumer<ChatResponse> beforeComplete) {
        this(modelId, source, () -> { }, beforeComplete, failure -> { });
    }

    /**
     * @param modelId the model answering
     * @param source the stream to forward
     * @param onStart runs when the stream is subscribed, before the source is
     * @param beforeComplete runs with the assembled response before {@code onComplete}
     * @param onFailure runs with the failure before {@code onError}
     */
    public ForwardingChatStream(String modelId, ChatStream source, Runnable onStart, Consumer<ChatResponse> beforeComplete,
                                Consumer<Throwable> onFailure) {
        super(modelId);
        this.onStart = onStart;
        this.source = source;
        this.beforeComplete = beforeComplete;
        this.onFailure = onFailure;
    }

    @Override
    protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
        AtomicBoolean ended = new AtomicBoolean(); // the hooks see one end: completion, failure or cancellation
        onStart.run();
        source.subscribe(new Flow.Subscriber<ChatEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        if (ended.compareAndSet(false, true)) {
                            onFailure.accept(new CancellationException("the subscriber cancelled the stream"));
                        }
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(ChatEvent event) {
                subscriber.onNext(event);
            }

            @Override
            public void onError(Throwable failure) {
                try {
                    if (ended.compareAndSet(false, true)) {
                        onFailure.accept(failure);
                    }
                } finally {
                    subscriber.onError(failure);
                }
            }

            @Override
            public void onComplete() {
                if (!ended.compareAndSet(false, true)) {
                    subscriber.onComplete();
                    return;
                }
                try {
                    beforeComplete.accept(source.snapshot());
                } catch (RuntimeException e) {
                    subscriber.onError(map(e));
                    return;
                }
                subscriber.onComplete();
            }
        });
    }
}
