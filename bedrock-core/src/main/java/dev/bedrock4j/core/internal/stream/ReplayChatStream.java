package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.stream.ChatEvent;
import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A stream that obtains a whole response when first asked for events and replays it as events, with
 * demand honoured. It serves models that cannot stream incrementally and the testkit's fakes. Thread-safe.
 */
public final class ReplayChatStream extends AbstractChatStream {
    private final Supplier<ChatResponse> call;

    /**
     * @param modelId the model answering
     * @param call obtains the response; called once, on the first request for events
     */
    public ReplayChatStream(String modelId, Supplier<ChatResponse> call) {
        super(modelId);
        this.call = call;
    }

    @Override
    protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
        subscriber.onSubscribe(new Replay(subscriber));
    }

    /** Emits the events in a drain loop, so signals are serial however request() is called. */
    private final class Replay implements Flow.Subscription {
        private final Flow.Subscriber<? super ChatEvent> subscriber;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile boolean badRequest;
        private boolean done;
        private Iterator<ChatEvent> events;

        Replay(Flow.Subscriber<? super ChatEvent> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = true;
            } else {
                requested.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (done || cancelled) {
                    return;
                }
                if (badRequest) {
                    done = true;
                    subscriber.onError(new IllegalArgumentException(
                            "request(n) needs n > 0 (Reactive Streams rule 3.9)"));
                    return;
                }
                if (events == null) {
                    try {
                        events = ResponseEvents.of(call.get()).iterator();
                    } catch (RuntimeException e) {
                        done = true;
                        subscriber.onError(map(e));
                        return;
                    }
                }
                long wanted = requested.get();
                long emitted = 0;
                while (emitted != wanted && events.hasNext()) {
                    if (cancelled) {
                        return;
                    }
                    subscriber.onNext(events.next());
                    emitted++;
                }
                if (!events.hasNext() && !cancelled) {
                    done = true;
                    subscriber.onComplete();
                    return;
                }
                if (emitted != 0 && wanted != Long.MAX_VALUE) {
                    requested.addAndGet(-emitted);
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
