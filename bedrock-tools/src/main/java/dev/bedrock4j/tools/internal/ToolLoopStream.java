package dev.bedrock4j.tools.internal;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.tools.ToolRegistry;
import dev.bedrock4j.tools.ToolStream;
import dev.bedrock4j.tools.Trace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;

/**
 * The tool-use loop as a stream: subscribes to one model stream per turn, passes its events on as they are
 * requested, and when a turn stops with tool calls, runs them off the SDK's threads and subscribes to the
 * next turn. Demand left over from one turn carries into the next. Thread-safe.
 */
public final class ToolLoopStream extends AbstractChatStream implements ToolStream {
    private final ChatModel model;
    private final ToolRegistry tools;
    private final ToolExecutor executor;
    private final ToolLoop loop;
    private final ChatStream firstTurn;

    /**
     * A stream of a run; the first turn's stream is created now, so that a request the model rejects before
     * any call fails here, on the caller's thread.
     *
     * @param model the model
     * @param tools the tools that answer the model's calls
     * @param executor runs the tool calls
     * @param loop the run
     */
    public ToolLoopStream(ChatModel model, ToolRegistry tools, ToolExecutor executor, ToolLoop loop) {
        super(model.modelId());
        this.model = model;
        this.tools = tools;
        this.executor = executor;
        this.loop = loop;
        this.firstTurn = model.stream(loop.nextRequest());
    }

    @Override
    protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
        Run run = new Run(subscriber);
        subscriber.onSubscribe(run);
        run.startTurn(firstTurn);
    }

    @Override
    public Trace trace() {
        return loop.trace();
    }

    @Override
    public List<Message> messages() {
        return loop.messages();
    }

    /** The subscription of the one subscriber, and the driver of the turns. */
    private final class Run implements Flow.Subscription {
        private final Flow.Subscriber<? super ChatEvent> downstream;
        private final Object lock = new Object();
        private long requested;
        private Flow.Subscription turn;
        private Future<?> toolsRunning;
        private Usage earlierTurns = Usage.ZERO;
        private boolean done;

        Run(Flow.Subscriber<? super ChatEvent> downstream) {
            this.downstream = downstream;
        }

        void startTurn(ChatStream stream) {
            synchronized (lock) {
                if (done) {
                    return;
                }
            }
            stream.subscribe(new Turn(stream, System.nanoTime()));
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel(new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams rule 3.9)"));
                return;
            }
            Flow.Subscription current;
            synchronized (lock) {
                if (done) {
                    return;
                }
                requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
                current = turn;
            }
            if (current != null) {
                current.request(n);
            }
        }

        @Override
        public void cancel() {
            cancel(null);
        }

        /** Stops the turn or the tools in progress; then signals the failure, if there is one. */
        private void cancel(Throwable failure) {
            Flow.Subscription current;
            Future<?> running;
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
                current = turn;
                running = toolsRunning;
            }
            if (current != null) {
                current.cancel();
            }
            if (running != null) {
                running.cancel(true);
            }
            if (failure != null) {
                synchronized (downstream) {
                    downstream.onError(failure);
                }
            }
        }

        /** Ends the stream: completes it, or fails it with the failure mapped to the library's exceptions. */
        private void finish(Throwable failure) {
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
            }
            synchronized (downstream) {
                if (failure == null) {
                    downstream.onComplete();
                } else {
                    downstream.onError(failure instanceof BedrockException ? failure : map(failure));
                }
            }
        }

        private void turnEnded(ChatResponse response, Duration elapsed) {
            List<ContentBlock.ToolUse> uses;
            try {
                uses = loop.turnEnded(response, elapsed);
            } catch (RuntimeException e) {
                finish(e);
                return;
            }
            if (uses.isEmpty()) {
                finish(null);
                return;
            }
            Future<?> running = executor.runAllAsync(tools, uses, this::toolsRan);
            synchronized (lock) {
                if (!done) {
                    toolsRunning = running;
                    return;
                }
            }
            running.cancel(true);
        }

        private void toolsRan(List<ToolExecutor.Outcome> outcomes, Throwable failure) {
            if (failure != null) {
                finish(failure);
                return;
            }
            ChatStream next;
            try {
                loop.toolsRan(outcomes);
                next = model.stream(loop.nextRequest());
            } catch (RuntimeException e) {
                finish(e);
                return;
            }
            synchronized (lock) {
                if (done) {
                    return;
                }
                toolsRunning = null;
            }
            assembleNewResponse();
            startTurn(next);
        }

        /** Subscriber of one turn's model stream. */
        private final class Turn implements Flow.Subscriber<ChatEvent> {
            private final ChatStream stream;
            private final long started;

            Turn(ChatStream stream, long started) {
                this.stream = stream;
                this.started = started;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                long wanted;
                synchronized (lock) {
                    if (done) {
                        wanted = -1;
                    } else {
                        turn = subscription;
                        wanted = requested;
                    }
                }
                if (wanted < 0) {
                    subscription.cancel();
                } else if (wanted > 0) {
                    subscription.request(wanted);
                }
            }

            @Override
            public void onNext(ChatEvent event) {
                ChatEvent passed = event;
                synchronized (lock) {
                    if (done) {
                        return;
                    }
                    if (requested != Long.MAX_VALUE) {
                        requested--;
                    }
                    if (event instanceof ChatEvent.Metadata metadata) {
                        passed = new ChatEvent.Metadata(earlierTurns.plus(metadata.usage()), metadata.latency(),
                                metadata.guardrailTrace());
                    }
                }
                synchronized (downstream) {
                    downstream.onNext(passed);
                }
            }

            @Override
            public void onError(Throwable failure) {
                finish(failure);
            }

            @Override
            public void onComplete() {
                ChatResponse response = stream.snapshot();
                synchronized (lock) {
                    turn = null;
                    earlierTurns = earlierTurns.plus(response.usage());
                }
                turnEnded(response, Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }
}
