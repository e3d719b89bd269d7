package dev.bedrock4j.core.chat;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.spi.AbstractChatStream;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A multi-turn conversation with one model. Each {@link #send(String)} sends the history plus the new
 * user turn, then appends both the user turn and the assistant's reply (reasoning blocks included, so
 * they can be sent back as models that reason require).
 *
 * <pre>{@code
 * Conversation chat = model.conversation()
 *         .defaults(r -> r.system("You are a patient maths tutor.").maxTokens(300));
 * chat.send("What is a prime number?");
 * ChatResponse reply = chat.send("Is 91 one?");   // the model sees the first exchange too
 * chat.history();                                   // four messages
 * }</pre>
 *
 * <h2>Turns are serialised</h2>
 * <p>A conversation has at most one turn in flight. A turn is in flight from the moment {@link #send(Message)}
 * is called, or a stream from {@link #stream(Message)} is subscribed, until its reply is recorded or it fails
 * or is cancelled. A turn that arrives meanwhile waits for the ones before it (in arrival order): {@code send}
 * blocks, a stream starts its call later. Each turn is sent with the history as it is when the turn's own
 * call starts, so from any number of threads every turn goes out with exactly the exchanges recorded before
 * it, and the history reads as one consistent dialogue. Never start a turn from inside a stream callback of
 * the same conversation: that turn would wait for the stream that is waiting for the callback.
 *
 * <p>Thread-safe: see above. A failed or cancelled turn leaves the history unchanged, so it can be sent again.
 * {@link #append}, {@link #clear()} and {@link #defaults} act at once, between the turns in flight.
 */
public final class Conversation {
    private final ChatModel model;
    private ChatRequest defaults;
    private final List<Message> history;
    private long changes; // bumped with every change of the history or the defaults
    private boolean turnInFlight;
    private final ArrayDeque<Runnable> waitingTurns = new ArrayDeque<>();

    private Conversation(ChatModel model, ChatRequest defaults, List<Message> history) {
        this.model = Objects.requireNonNull(model, "model");
        this.defaults = defaults;
        this.history = new ArrayList<>(history);
    }

    /**
     * Starts an empty conversation with a model.
     *
     * @param model the model
     * @return the conversation
     */
    public static Conversation of(ChatModel model) {
        return new Conversation(model, ChatRequest.builder().build(), List.of());
    }

    /**
     * Sets what every turn sends besides the history: system prompts, inference settings, guardrail,
     * tools. Turns set here are ignored; the history supplies them.
     *
     * @param defaults sets up the defaults, starting from the current ones
     * @return this conversation
     */
    public synchronized Conversation defaults(Consumer<ChatRequest.Builder> defaults) {
        ChatRequest.Builder builder = this.defaults.toBuilder();
        defaults.accept(builder);
        this.defaults = builder.messages(List.of()).build();
        changes++;
        return this;
    }

    /**
     * Sends a user turn of text and records the exchange.
     *
     * @param userText the user's text
     * @return the model's reply
     * @throws dev.bedrock4j.core.BedrockException if the call failed; the history is unchanged
     */
    public ChatResponse send(String userText) {
        return send(Message.user(userText));
    }

    /**
     * Sends a user turn and records the exchange. When another turn is in flight, waits for it (and for the
     * turns that arrived before this one) to finish first.
     *
     * @param userTurn a message with the user role, such as text with an image or tool results
     * @return the model's reply
     * @throws IllegalArgumentException if the message is not a user turn
     * @throws dev.bedrock4j.core.BedrockException if the call failed, or the thread was interrupted while
     *         waiting for its turn; the history is unchanged
     */
    public ChatResponse send(Message userTurn) {
        if (userTurn.role() != Role.USER) {
            throw new IllegalArgumentException("send() takes a user turn; the model writes the assistant turns");
        }
        awaitTurn();
        try {
            ChatResponse response = model.call(nextRequest(userTurn));
            record(userTurn, response.message());
            return response;
        } finally {
            releaseTurn();
        }
    }

    /**
     * Streams a user turn of text; the exchange is recorded when the stream completes.
     *
     * @param userText the user's text
     * @return a single-use stream of the reply
     */
    public ChatStream stream(String userText) {
        return stream(Message.user(userText));
    }

    /**
     * Streams a user turn. The turn is in flight from subscription: if another turn is in flight then, the
     * call starts when the turns before it have finished, with the history as it is at that moment. When the
     * stream completes, the user turn and the assembled reply (reasoning included) are appended to the
     * history, before the subscriber's {@code onComplete}; a failed or cancelled stream leaves the history
     * unchanged. A stream that is never subscribed holds up no other turn.
     *
     * <pre>{@code
     * chat.stream("And in winter?").forEachText(System.out::print).join();
     * }</pre>
     *
     * @param userTurn a message with the user role
     * @return a single-use stream of the reply
     * @throws IllegalArgumentException if the message is not a user turn
     * @throws dev.bedrock4j.core.InvalidRequestException if a pre-flight check fails; nothing was sent
     */
    public ChatStream stream(Message userTurn) {
        if (userTurn.role() != Role.USER) {
            throw new IllegalArgumentException("stream() takes a user turn; the model writes the assistant turns");
        }
        ChatRequest request;
        long seen;
        synchronized (this) {
            request = nextRequest(userTurn);
            seen = changes;
        }
        return new TurnStream(userTurn, model.stream(request), seen); // the model's pre-flight checks run here
    }

    /**
     * Appends a finished exchange that happened elsewhere, such as a streamed turn.
     *
     * @param userTurn the user turn
     * @param reply the assistant's reply
     * @return this conversation
     */
    public synchronized Conversation append(Message userTurn, Message reply) {
        if (userTurn.role() != Role.USER || reply.role() != Role.ASSISTANT) {
            throw new IllegalArgumentException("append() takes a user turn followed by an assistant turn");
        }
        record(userTurn, reply);
        return this;
    }

    private synchronized void record(Message userTurn, Message reply) {
        history.add(userTurn);
        history.add(reply);
        changes++;
    }

    /**
     * The request the next turn would send, with this user turn appended; for streaming and rendering.
     *
     * @param userTurn the next user turn
     * @return the request
     */
    public synchronized ChatRequest nextRequest(Message userTurn) {
        List<Message> turns = new ArrayList<>(history);
        turns.add(userTurn);
        return defaults.toBuilder().messages(turns).build();
    }

    /**
     * The messages so far.
     *
     * @return an immutable snapshot, oldest first
     */
    public synchronized List<Message> history() {
        return List.copyOf(history);
    }

    /**
     * An independent copy with the same model, defaults and history, for exploring a branch.
     *
     * @return the copy
     */
    public synchronized Conversation copy() {
        return new Conversation(model, defaults, history);
    }

    /**
     * Forgets the history; defaults stay.
     *
     * @return this conversation
     */
    public synchronized Conversation clear() {
        history.clear();
        changes++;
        return this;
    }

    /**
     * The model this conversation talks to.
     *
     * @return the model
     */
    public ChatModel model() {
        return model;
    }

    // ---- the turn in flight: at most one; the others wait in arrival order

    /** Takes the turn at once if it is free; otherwise queues {@code whenHandedOver}, run when it is this one's. */
    private synchronized boolean takeTurn(Runnable whenHandedOver) {
        if (!turnInFlight) {
            turnInFlight = true;
            return true;
        }
        waitingTurns.add(whenHandedOver);
        return false;
    }

    /** Leaves the queue; {@code false} if the turn was already handed over, which then has to be released. */
    private synchronized boolean withdraw(Runnable waiting) {
        return waitingTurns.remove(waiting);
    }

    /** Ends the turn in flight and hands the turn to the next one waiting. */
    private void releaseTurn() {
        Runnable next;
        synchronized (this) {
            next = waitingTurns.poll();
            if (next == null) {
                turnInFlight = false;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    private void awaitTurn() {
        CompletableFuture<Void> handedOver = new CompletableFuture<>();
        Runnable waiting = () -> handedOver.complete(null);
        if (takeTurn(waiting)) {
            return;
        }
        try {
            handedOver.get();
        } catch (InterruptedException e) {
            if (!withdraw(waiting)) {
                releaseTurn(); // handed over while we were being interrupted
            }
            Thread.currentThread().interrupt();
            throw new BedrockException("interrupted while waiting for the turn in flight of this conversation to finish;"
                    + " nothing was sent", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never completed exceptionally
        }
    }

    /**
     * A streamed turn: takes the turn when subscribed, starts the model's stream when it has it, records the
     * exchange before completing and releases the turn however the stream ends.
     */
    private final class TurnStream extends AbstractChatStream {
        private final Message userTurn;
        private final ChatStream prepared;
        private final long preparedAt;

        TurnStream(Message userTurn, ChatStream prepared, long preparedAt) {
            super(model.modelId());
            this.userTurn = userTurn;
            this.prepared = prepared;
            this.preparedAt = preparedAt;
        }

        @Override
        protected void start(Flow.Subscriber<? super ChatEvent> subscriber) {
            Turn turn = new Turn(subscriber);
            subscriber.onSubscribe(turn);
            turn.enter();
        }

        /**
         * The subscriber's subscription: demand and cancellation wait here until the model's stream exists. Its
         * place in the queue of turns is guarded by the conversation's monitor, like the queue itself.
         */
        private final class Turn implements Flow.Subscription, Flow.Subscriber<ChatEvent> {
            private final Flow.Subscriber<? super ChatEvent> downstream;
            // Runs on another thread: the thread releasing the turn may be an SDK thread or a caller of send().
            private final Runnable handOver = () -> CompletableFuture.runAsync(this::begin);
            private final AtomicBoolean released = new AtomicBoolean();
            private boolean queued;
            private boolean owner;
            private boolean cancelled;
            private Flow.Subscription source;
            private ChatStream reply;
            private long pending;
            private boolean badRequest;

            Turn(Flow.Subscriber<? super ChatEvent> downstream) {
                this.downstream = downstream;
            }

            /** Takes the turn, or a place in the queue for it. */
            void enter() {
                synchronized (Conversation.this) {
                    if (cancelled) {
                        return;
                    }
                    if (!takeTurn(handOver)) {
                        queued = true;
                        return;
                    }
                    owner = true;
                }
                begin();
            }

            /** Runs once this turn is in flight. */
            private void begin() {
                boolean cancelledMeanwhile;
                synchronized (Conversation.this) {
                    queued = false;
                    owner = true;
                    cancelledMeanwhile = cancelled;
                }
                if (cancelledMeanwhile) {
                    release();
                    return;
                }
                ChatStream stream;
                try {
                    stream = currentRequestStream();
                } catch (RuntimeException e) {
                    release();
                    downstream.onError(map(e));
                    return;
                }
                synchronized (Conversation.this) {
                    reply = stream;
                }
                stream.subscribe(this);
            }

            /** The stream prepared by {@code stream()} if nothing changed since; else one with the history as it is now. */
            private ChatStream currentRequestStream() {
                ChatRequest request;
                synchronized (Conversation.this) {
                    if (changes == preparedAt) {
                        return prepared;
                    }
                    request = nextRequest(userTurn);
                }
                return model.stream(request);
            }

            private void release() {
                if (released.compareAndSet(false, true)) {
                    releaseTurn();
                }
            }

            // ---- the subscriber's side

            @Override
            public void request(long n) {
                Flow.Subscription s;
                synchronized (Conversation.this) {
                    s = source;
                    if (s == null) {
                        if (n <= 0) {
                            badRequest = true;
                        } else {
                            pending = pending + n < 0 ? Long.MAX_VALUE : pending + n;
                        }
                        return;
                    }
                }
                s.request(n);
            }

            @Override
            public void cancel() {
                Flow.Subscription s;
                boolean release;
                synchronized (Conversation.this) {
                    if (cancelled) {
                        return;
                    }
                    cancelled = true;
                    s = source;
                    if (queued && withdraw(handOver)) {
                        queued = false;
                        release = false;
                    } else {
                        release = owner || queued; // queued but no longer waiting: handed over, begin() is on its way
                    }
                }
                if (s != null) {
                    s.cancel();
                }
                if (release) {
                    release();
                }
            }

            // ---- the model stream's side

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                long wanted;
                boolean cancelNow;
                synchronized (Conversation.this) {
                    source = subscription;
                    wanted = badRequest ? 0 : pending;
                    cancelNow = cancelled;
                }
                if (cancelNow) {
                    subscription.cancel();
                } else if (wanted != 0 || badRequest) {
                    subscription.request(wanted); // a request(0) made early: the source signals rule 3.9
                }
            }

            @Override
            public void onNext(ChatEvent event) {
                downstream.onNext(event);
            }

            @Override
            public void onError(Throwable failure) {
                release();
                downstream.onError(failure);
            }

            @Override
            public void onComplete() {
                ChatStream stream;
                synchronized (Conversation.this) {
                    stream = reply;
                }
                try {
                    record(userTurn, stream.snapshot().message());
                } catch (RuntimeException e) {
                    release();
                    downstream.onError(map(e));
                    return;
                }
                release();
                downstream.onComplete();
            }
        }
    }
}
