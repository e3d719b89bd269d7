package dev.bedrock4j.core.chat;

import dev.bedrock4j.core.internal.stream.ForwardingChatStream;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * <p>Thread-safe: turns are serialised, so concurrent {@code send} calls each see the whole history
 * and never interleave their messages. A failed turn leaves the history unchanged, so it can be sent again.
 */
public final class Conversation {
    private final ChatModel model;
    private ChatRequest defaults;
    private final List<Message> history;

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
     * Sends a user turn and records the exchange.
     *
     * @param userTurn a message with the user role, such as text with an image or tool results
     * @return the model's reply
     * @throws IllegalArgumentException if the message is not a user turn
     * @throws dev.bedrock4j.core.BedrockException if the call failed; the history is unchanged
     */
    public synchronized ChatResponse send(Message userTurn) {
        if (userTurn.role() != Role.USER) {
            throw new IllegalArgumentException("send() takes a user turn; the model writes the assistant turns");
        }
        ChatResponse response = model.call(nextRequest(userTurn));
        history.add(userTurn);
        history.add(response.message());
        return response;
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
     * Streams a user turn. When the stream completes, the user turn and the assembled reply (reasoning
     * included) are appended to the history; a failed or cancelled stream leaves the history unchanged.
     * Wait for the stream to complete before starting the next turn.
     *
     * <pre>{@code
     * chat.stream("And in winter?").forEachText(System.out::print).join();
     * }</pre>
     *
     * @param userTurn a message with the user role
     * @return a single-use stream of the reply
     * @throws IllegalArgumentException if the message is not a user turn
     */
    public ChatStream stream(Message userTurn) {
        if (userTurn.role() != Role.USER) {
            throw new IllegalArgumentException("stream() takes a user turn; the model writes the assistant turns");
        }
        ChatStream reply = model.stream(nextRequest(userTurn));
        return new ForwardingChatStream(model.modelId(), reply, response -> append(userTurn, response.message()));
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
        history.add(userTurn);
        history.add(reply);
        return this;
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
}
