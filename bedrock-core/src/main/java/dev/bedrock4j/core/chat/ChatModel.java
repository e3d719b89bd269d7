package dev.bedrock4j.core.chat;

import dev.bedrock4j.core.internal.stream.ReplayChatStream;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.function.Consumer;

/**
 * A model you can chat with, independent of who serves it: the Bedrock implementation from
 * {@link dev.bedrock4j.core.Bedrock#chat(String)} and the testkit's fakes both implement it, so
 * application code written against this interface is tested without AWS.
 *
 * <pre>{@code
 * ChatModel model = bedrock.chat("anthropic.claude-3-5-haiku-20241022-v1:0");
 * ChatResponse reply = model.prompt()
 *         .system("Answer in one sentence.")
 *         .user("Why is the sky blue?")
 *         .maxTokens(200)
 *         .call();
 * System.out.println(reply.text());
 * }</pre>
 *
 * <p>Implementations are thread-safe; create one per model and share it.
 */
public interface ChatModel {

    /**
     * The model this instance talks to: a model id, an inference profile id or an ARN.
     *
     * @return the model id
     */
    String modelId();

    /**
     * Sends a request and waits for the answer.
     *
     * @param request the request
     * @return the answer
     * @throws dev.bedrock4j.core.InvalidRequestException if a pre-flight check fails; the model was not called (a
     *         request near the model's context window may have been counted with {@code CountTokens})
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    ChatResponse call(ChatRequest request);

    /**
     * Builds a request with a consumer and sends it.
     *
     * @param request sets up the request
     * @return the answer
     */
    default ChatResponse call(Consumer<ChatRequest.Builder> request) {
        ChatRequest.Builder builder = ChatRequest.builder();
        request.accept(builder);
        return call(builder.build());
    }

    /**
     * Streams the answer to a request as it is generated. Pre-flight checks run here, before anything is
     * sent; the call itself starts when the stream is subscribed.
     *
     * @implSpec The default obtains the whole answer with {@link #call(ChatRequest)} on subscription and
     * replays it as events; implementations that can stream incrementally override it.
     *
     * @param request the request
     * @return a single-use stream of events
     * @throws dev.bedrock4j.core.InvalidRequestException if a pre-flight check fails
     */
    default ChatStream stream(ChatRequest request) {
        return new ReplayChatStream(modelId(), () -> call(request));
    }

    /**
     * Builds a request with a consumer and streams the answer.
     *
     * @param request sets up the request
     * @return a single-use stream of events
     */
    default ChatStream stream(Consumer<ChatRequest.Builder> request) {
        ChatRequest.Builder builder = ChatRequest.builder();
        request.accept(builder);
        return stream(builder.build());
    }

    /**
     * Starts a fluent prompt to this model.
     *
     * @return a new prompt
     */
    default Prompt prompt() {
        return new Prompt(this);
    }

    /**
     * Starts a multi-turn conversation with this model.
     *
     * @return a new, empty conversation
     */
    default Conversation conversation() {
        return Conversation.of(this);
    }
}
