package dev.bedrock4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.spi.JsonSupport;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a model on the {@link LocalBedrockServer} answers to one call. The same reply serves every
 * operation: {@code Converse} returns it as JSON, {@code ConverseStream} splits it into events, and
 * {@code InvokeModel} and {@code InvokeModelWithResponseStream} write it in the model family's native
 * body (Anthropic, Nova, Titan, Llama, Mistral, Cohere, Jamba, DeepSeek, gpt-oss). Embedding and image
 * models answer offline unless their own id is scripted with a {@link #rawBody(String) raw body}.
 *
 * <pre>{@code
 * server.model(MODEL).enqueue(
 *         ModelReply.toolUse("get_weather", "{\"city\":\"Paris\"}"),
 *         ModelReply.text("It is sunny in Paris."));
 * server.anyModel().reply(ModelReply.respond(request -> ChatResponse.ofText(request.lastUserText().toUpperCase())));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe (a {@link Dynamic} reply is as thread-safe as its function).
 */
public sealed interface ModelReply {

    /**
     * A fixed response.
     *
     * @param response the response every call using this reply gets
     */
    record Fixed(ChatResponse response) implements ModelReply {
        /**
         * Validates the response.
         *
         * @param response the response
         */
        public Fixed {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * A response computed from the request; for {@code InvokeModel} the native body is read back into a
     * {@link ChatRequest} first.
     *
     * @param function computes the response; it runs on a server thread and may block briefly
     */
    record Dynamic(Function<ChatRequest, ChatResponse> function) implements ModelReply {
        /**
         * Validates the function.
         *
         * @param function the function
         */
        public Dynamic {
            Objects.requireNonNull(function, "function");
        }
    }

    /**
     * A raw native body for {@code InvokeModel} (sent as is) and {@code InvokeModelWithResponseStream}
     * (sent as one chunk). Converse calls get a ValidationException naming the mistake.
     *
     * @param body the JSON body
     */
    record RawBody(JsonNode body) implements ModelReply {
        /**
         * Validates and copies the body.
         *
         * @param body the body
         */
        public RawBody {
            body = Objects.requireNonNull(body, "body").deepCopy();
        }

        /**
         * A copy of the body.
         *
         * @return the JSON body
         */
        @Override
        public JsonNode body() {
            return body.deepCopy();
        }
    }

    /**
     * An explicit event list for the streaming operations, sent as is, in order.
     *
     * @param events the events
     */
    record Events(List<WireEvent> events) implements ModelReply {
        /**
         * Validates and copies the events.
         *
         * @param events the events
         */
        public Events {
            events = List.copyOf(events);
        }
    }

    /**
     * A text answer that ends the turn.
     *
     * @param text the answer
     * @return the reply
     */
    static ModelReply text(String text) {
        return new Fixed(ChatResponse.ofText(Objects.requireNonNull(text, "text")));
    }

    /**
     * A full response: content blocks, stop reason, usage. Zero usage is replaced by a word count.
     *
     * @param response the response
     * @return the reply
     */
    static ModelReply of(ChatResponse response) {
        return new Fixed(response);
    }

    /**
     * A request to run a tool, with stop reason {@code tool_use}; the tool-use id is {@code tooluse_}
     * followed by the tool name.
     *
     * @param toolName the tool's name
     * @param inputJson the tool input, a JSON object as text
     * @return the reply
     * @throws java.io.UncheckedIOException if the JSON is malformed
     */
    static ModelReply toolUse(String toolName, String inputJson) {
        return toolUse("tooluse_" + toolName, toolName, JsonSupport.parse(inputJson));
    }

    /**
     * A request to run a tool, with stop reason {@code tool_use}.
     *
     * @param toolUseId the tool-use id the result must carry
     * @param toolName the tool's name
     * @param input the tool input, a JSON object
     * @return the reply
     */
    static ModelReply toolUse(String toolUseId, String toolName, JsonNode input) {
        Message message = new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse(toolUseId, toolName, input)));
        return new Fixed(ChatResponse.builder().message(message).stopReason(StopReason.TOOL_USE).build());
    }

    /**
     * A response computed from each request, like MockWebServer's dispatcher.
     *
     * @param function computes the response; it runs on a server thread
     * @return the reply
     */
    static ModelReply respond(Function<ChatRequest, ChatResponse> function) {
        return new Dynamic(function);
    }

    /**
     * A raw native {@code InvokeModel} body, returned as is.
     *
     * @param json the body as JSON text
     * @return the reply
     * @throws java.io.UncheckedIOException if the JSON is malformed
     */
    static ModelReply rawBody(String json) {
        return new RawBody(JsonSupport.parse(json));
    }

    /**
     * An explicit stream, sent event by event.
     *
     * @param events the events, in order
     * @return the reply
     */
    static ModelReply events(WireEvent... events) {
        return new Events(List.of(events));
    }

    /**
     * An explicit stream, sent event by event.
     *
     * @param events the events, in order
     * @return the reply
     */
    static ModelReply events(List<WireEvent> events) {
        return new Events(events);
    }
}
