package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.stream.ChatEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.eventstream.EventStreamResponseHandler;

/**
 * A {@link dev.bedrock4j.core.stream.ChatStream} over an AWS SDK event stream whose events map one to one
 * to {@link ChatEvent}s (ConverseStream); see {@link SdkEventPublisher} for the demand, cancellation and
 * retry behaviour. Thread-safe.
 *
 * @param <H> the SDK response handler type
 * @param <E> the SDK event type
 */
public final class SdkChatStream<H, E> extends AbstractChatStream {
    private final SdkEventPublisher<H, E, ChatEvent> events;

    /**
     * @param modelId the model answering
     * @param handlerBuilder the operation's SDK handler builder, such as {@code ConverseStreamResponseHandler::builder}
     * @param build builds the handler, such as {@code ConverseStreamResponseHandler.Builder::build}
     * @param call starts the SDK call with the handler
     * @param mapper maps an SDK event to a library event, or to {@code null} to skip it
     * @param <B> the SDK handler builder type
     */
    public <B extends EventStreamResponseHandler.Builder<?, E, B>> SdkChatStream(String modelId, Supplier<B> handlerBuilder,
            Function<B, H> build, Function<H, CompletableFuture<Void>> call, Function<E, ChatEvent> mapper) {
        this(modelId, new OpenStreams(), handlerBuilder, build, call, mapper);
    }

    /**
     * @param modelId the model answering
     * @param openStreams the running streams of the {@code Bedrock} instance whose clients the call uses
     * @param handlerBuilder the operation's SDK handler builder, such as {@code ConverseStreamResponseHandler::builder}
     * @param build builds the handler, such as {@code ConverseStreamResponseHandler.Builder::build}
     * @param call starts the SDK call with the handler
     * @param mapper maps an SDK event to a library event, or to {@code null} to skip it
     * @param <B> the SDK handler builder type
     */
    public <B extends EventStreamResponseHandler.Builder<?, E, B>> SdkChatStream(String modelId, OpenStreams openStreams,
            Supplier<B> handlerBuilder, Function<B, H> build, Function<H, CompletableFuture<Void>> call,
            Function<E, ChatEvent> mapper) {
        super(modelId);
        this.events = new SdkEventPublisher<>(modelId, openStreams, handlerBuilder, build, call, mapper);
    }

    @Override
    protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
        events.subscribe(subscriber);
    }
}
