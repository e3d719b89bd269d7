package dev.bedrock4j.testkit.internal;

import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.testkit.WireEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.awscore.eventstream.EventStreamResponseHandler;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Turns wire events into the SDK's event objects and delivers them to an SDK event-stream response
 * handler in the order the SDK does: {@code responseReceived}, {@code onEventStream}, then
 * {@code complete} or {@code exceptionOccurred}. Thread-safe.
 */
public final class SdkEvents {
    private SdkEvents() {
    }

    /**
     * SDK events, and the exception that ended the stream, if any.
     *
     * @param events the events before the end
     * @param failure the in-stream exception, or {@code null}
     * @param <E> the event type
     */
    public record Converted<E>(List<E> events, RuntimeException failure) {
    }

    /**
     * Converts wire events, stopping at the first in-stream exception.
     *
     * @param events the wire events
     * @param builders the SDK's event builder for each event type, such as
     *                 {@code "chunk" -> ResponseStream::chunkBuilder}
     * @param type the SDK's event union type
     * @param modelPackage the SDK model package of the exceptions
     * @param <E> the event type
     * @return the events and the failure
     */
    public static <E> Converted<E> convert(List<WireEvent> events, Map<String, Supplier<? extends SdkBuilder<?, ?>>> builders,
                                           Class<E> type, String modelPackage) {
        List<E> converted = new ArrayList<>();
        for (WireEvent event : events) {
            if (event.kind() == WireEvent.Kind.EXCEPTION) {
                return new Converted<>(converted, SdkErrors.inStream(modelPackage, event.type(),
                        event.payload().path("message").asText()));
            }
            Supplier<? extends SdkBuilder<?, ?>> builder = builders.get(event.type());
            if (builder == null) {
                throw new IllegalArgumentException("the SDK has no " + type.getSimpleName() + " event named \""
                        + event.type() + "\"; known: " + builders.keySet());
            }
            SdkBuilder<?, ?> b = builder.get();
            SdkJson.fill((SdkPojo) b, event.payload());
            converted.add(type.cast(b.build()));
        }
        return new Converted<>(converted, null);
    }

    /**
     * Delivers events to a handler.
     *
     * @param handler the caller's handler
     * @param response the initial response
     * @param events the events
     * @param failure the exception that ends the stream after the events, or {@code null}
     * @param <R> the response type
     * @param <E> the event type
     * @return the future the SDK call returns: completed after the stream ends
     */
    public static <R, E> CompletableFuture<Void> deliver(EventStreamResponseHandler<R, E> handler, R response,
                                                          List<E> events, Throwable failure) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SdkPublisher<E> source = SdkPublisher.fromIterable(events);
        handler.responseReceived(response);
        handler.onEventStream(SdkPublisher.adapt(subscriber -> source.subscribe(new Subscriber<E>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(E event) {
                subscriber.onNext(event);
            }

            @Override
            public void onError(Throwable t) {
                subscriber.onError(t);
                handler.exceptionOccurred(t);
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                if (failure != null) {
                    onError(failure);
                    return;
                }
                subscriber.onComplete();
                handler.complete();
                done.complete(null);
            }
        })));
        return done;
    }

    /** Fails a streaming call before any event, as the SDK does for an error response. */
    public static <R, E> CompletableFuture<Void> fail(EventStreamResponseHandler<R, E> handler, Throwable failure) {
        handler.exceptionOccurred(failure);
        return CompletableFuture.failedFuture(failure);
    }
}
