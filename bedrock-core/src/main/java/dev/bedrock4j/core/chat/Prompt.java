package dev.bedrock4j.core.chat;

import dev.bedrock4j.core.internal.ConverseRenderer;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.Objects;

/**
 * A fluent prompt bound to a model: set the system prompt, turns and settings, then {@link #call()}.
 *
 * <pre>{@code
 * ChatResponse reply = model.prompt()
 *         .system("You are a helpful travel agent.")
 *         .user("Suggest a weekend in Lisbon.")
 *         .temperature(0.3)
 *         .maxTokens(400)
 *         .call();
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread. The model it is bound to is shared.
 */
public final class Prompt extends ChatRequestSpec<Prompt> {
    private final ChatModel model;

    /**
     * Creates a prompt for a model; usually obtained through {@link ChatModel#prompt()}.
     *
     * @param model the model to send to
     */
    public Prompt(ChatModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Sends the prompt and waits for the answer.
     *
     * @return the answer
     * @throws dev.bedrock4j.core.InvalidRequestException if a pre-flight check fails; nothing was sent
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    public ChatResponse call() {
        return model.call(toRequest());
    }

    /**
     * Streams the answer as it is generated.
     *
     * <pre>{@code
     * model.prompt().user("Write a haiku about rain.").stream()
     *         .forEachText(System.out::print)
     *         .join();
     * }</pre>
     *
     * @return a single-use stream of events; the call starts when it is subscribed
     * @throws dev.bedrock4j.core.InvalidRequestException if a pre-flight check fails; nothing was sent
     */
    public ChatStream stream() {
        return model.stream(toRequest());
    }

    /**
     * Renders the exact Converse request this prompt would send, as JSON and as an AWS CLI command,
     * without sending anything.
     *
     * @return the rendered request
     */
    public RenderedRequest render() {
        return ConverseRenderer.render(model.modelId(), toRequest());
    }
}
