package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * An SDK event stream held in memory: {@code n} text deltas served with Reactive Streams demand, the way
 * the SDK's publisher serves decoded frames. It drives the real {@link SdkChatStream} bridge without HTTP.
 */
final class InMemorySdkStream {
    final AtomicBoolean upstreamCancelled = new AtomicBoolean();
    final AtomicLong maxOutstanding = new AtomicLong();
    final AtomicLong emitted = new AtomicLong();
    final AtomicLong totalRequested = new AtomicLong();

    ChatStream chatStream(long events) {
        return new SdkChatStream<ConverseStreamResponseHandler, ConverseStreamOutput>("in-memory-model",
                ConverseStreamResponseHandler::builder, ConverseStreamResponseHandler.Builder::build,
                handler -> start(handler, events), ConverseCodec::fromSdk);
    }

    ChatStream failingChatStream() {
        return new SdkChatStream<ConverseStreamResponseHandler, ConverseStreamOutput>("in-memory-model",
                ConverseStreamResponseHandler::builder, ConverseStreamResponseHandler.Builder::build,
                handler -> CompletableFuture.failedFuture(new IllegalStateException("connection refused")), ConverseCodec::fromSdk);
    }

    // What the SDK's event-stream transformer does with the handler: the response, then the event publisher.
    private CompletableFuture<Void> start(ConverseStreamResponseHandler handler, long events) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        handler.responseReceived(ConverseStreamResponse.builder().build());
        handler.onEventStream(SdkPublisher.adapt(publisher(events, done)));
        return done;
    }

    private Publisher<ConverseStreamOutput> publisher(long events, CompletableFuture<Void> done) {
        return subscriber -> subscriber.onSubscribe(new Subscription() {
            final AtomicLong requested = new AtomicLong();
            final AtomicInteger wip = new AtomicInteger();
            volatile boolean cancelled;
            long sent;

            @Override
            public void request(long n) {
                requested.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                long total = totalRequested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                maxOutstanding.accumulateAndGet(total == Long.MAX_VALUE ? total : total - emitted.get(), Math::max);
                drain(subscriber);
            }

            @Override
            public void cancel() {
                cancelled = true;
                upstreamCancelled.set(true);
            }

            void drain(Subscriber<? super ConverseStreamOutput> s) {
                if (wip.getAndIncrement() != 0) {
                    return;
                }
                int missed = 1;
                do {
                    long r = requested.get();
                    long e = 0;
                    while (e != r && sent < events && !cancelled) {
                        emitted.incrementAndGet();
                        s.onNext(ConverseStreamOutput.contentBlockDeltaBuilder().contentBlockIndex(0)
                                .delta(ContentBlockDelta.fromText("t" + sent)).build());
                        sent++;
                        e++;
                    }
                    if (sent == events && !cancelled) {
                        cancelled = true;
                        s.onComplete();
                        done.complete(null);
                        return;
                    }
                    if (e != 0 && r != Long.MAX_VALUE) {
                        requested.addAndGet(-e);
                    }
                    missed = wip.addAndGet(-missed);
                } while (missed != 0);
            }
        });
    }
}
