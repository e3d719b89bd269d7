package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.stream.ChatEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link dev.bedrock4j.core.stream.ChatStream} over a publisher of chunks where each chunk decodes to
 * any number of events (native model streams: the last chunk carries the stop reason and the usage).
 * Chunks are requested one at a time, only when the decoded events are used up and the subscriber
 * still wants more, so at most one chunk's events are buffered. Thread-safe.
 *
 * @param <C> the chunk type
 */
public final class ExpandingChatStream<C> extends AbstractChatStream {
    private final Flow.Publisher<C> chunks;
    private final Supplier<Function<C, List<ChatEvent>>> decoders;

    /**
     * @param modelId the model answering
     * @param chunks the single-use chunk publisher
     * @param decoders makes the decoder for this stream (decoders may keep state across chunks)
     */
    public ExpandingChatStream(String modelId, Flow.Publisher<C> chunks, Supplier<Function<C, List<ChatEvent>>> decoders) {
        super(modelId);
        this.chunks = chunks;
        this.decoders = decoders;
    }

    @Override
    protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
        chunks.subscribe(new Expander(subscriber, decoders.get()));
    }

    private final class Expander implements Flow.Subscriber<C>, Flow.Subscription {
        private final Flow.Subscriber<? super ChatEvent> downstream;
        private final Function<C, List<ChatEvent>> decoder;
        private final Queue<ChatEvent> buffer = new ArrayDeque<>();
        private final AtomicInteger wip = new AtomicInteger();
        private final Object lock = new Object();
        private Flow.Subscription upstream;
        private long demand;
        private boolean chunkInFlight;
        private boolean upstreamDone;
        private Throwable upstreamError;
        private boolean badRequest; // the error is this subscription's own rule 3.9 error, passed on as it is
        private volatile boolean cancelled;
        private boolean finished;

        Expander(Flow.Subscriber<? super ChatEvent> downstream, Function<C, List<ChatEvent>> decoder) {
            this.downstream = downstream;
            this.decoder = decoder;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            synchronized (lock) {
                upstream = subscription;
            }
            downstream.onSubscribe(this);
            drain();
        }

        @Override
        public void onNext(C chunk) {
            List<ChatEvent> events;
            try {
                events = decoder.apply(chunk);
            } catch (RuntimeException e) {
                cancelUpstream();
                onError(e);
                return;
            }
            synchronized (lock) {
                buffer.addAll(events);
                chunkInFlight = false;
            }
            drain();
        }

        @Override
        public void onError(Throwable failure) {
            synchronized (lock) {
                if (!badRequest) {
                    upstreamError = failure;
                    upstreamDone = true;
                }
            }
            drain();
        }

        @Override
        public void onComplete() {
            synchronized (lock) {
                upstreamDone = true;
            }
            drain();
        }

        @Override
        public void request(long n) {
            synchronized (lock) {
                if (n <= 0) {
                    upstreamError = new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams rule 3.9)");
                    badRequest = true;
                    upstreamDone = true;
                    buffer.clear();
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            cancelUpstream();
        }

        private void cancelUpstream() {
            Flow.Subscription up;
            synchronized (lock) {
                up = upstream;
            }
            if (up != null) {
                up.cancel();
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (true) {
                    if (cancelled || finished) {
                        return;
                    }
                    ChatEvent next = null;
                    boolean terminate = false;
                    Throwable error = null;
                    boolean ownError = false;
                    Flow.Subscription requestFrom = null;
                    synchronized (lock) {
                        if (demand > 0 && !buffer.isEmpty()) {
                            next = buffer.poll();
                            if (demand != Long.MAX_VALUE) {
                                demand--;
                            }
                        } else if (buffer.isEmpty() && upstreamDone) {
                            terminate = true;
                            error = upstreamError;
                            ownError = badRequest;
                        } else if (buffer.isEmpty() && demand > 0 && !chunkInFlight && upstream != null) {
                            chunkInFlight = true;
                            requestFrom = upstream;
                        }
                    }
                    if (next != null) {
                        downstream.onNext(next);
                    } else if (terminate) {
                        finished = true;
                        if (error != null) {
                            downstream.onError(ownError ? error : map(error));
                        } else {
                            downstream.onComplete();
                        }
                        return;
                    } else if (requestFrom != null) {
                        requestFrom.request(1);
                    } else {
                        break;
                    }
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
