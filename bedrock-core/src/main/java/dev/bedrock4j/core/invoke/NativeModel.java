package dev.bedrock4j.core.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.concurrent.Flow;

/**
 * A model called through {@code InvokeModel} with its native body: raw JSON in and out, or a
 * model-agnostic {@link ChatRequest} written in the model family's {@link NativeFormat}.
 *
 * <pre>{@code
 * NativeModel claude = bedrock.nativeModel("anthropic.claude-3-haiku-20240307-v1:0");
 * JsonNode raw = claude.invoke(new ObjectMapper().readTree(
 *         "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":200,"
 *       + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"));
 * ChatResponse typed = claude.call(ChatRequest.of("Hello"));
 * }</pre>
 *
 * <p>Implementations are thread-safe; create one per model and share it.
 */
public interface NativeModel {

    /**
     * The model id, inference profile id or ARN.
     *
     * @return the model id
     */
    String modelId();

    /**
     * The native body format of this model's family.
     *
     * @return the format
     */
    NativeFormat format();

    /**
     * Sends a native JSON body and returns the model's native JSON answer.
     *
     * @param body the request body in the model's own format
     * @return the answer body
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    JsonNode invoke(JsonNode body);

    /**
     * Sends a request in the family's native format and reads the answer back.
     *
     * @param request the request
     * @return the answer, with usage from the response headers when the body has no counts
     * @throws dev.bedrock4j.core.InvalidRequestException if the request cannot be written natively for this family
     * @throws dev.bedrock4j.core.BedrockException or a subclass, if the call failed
     */
    ChatResponse call(ChatRequest request);

    /**
     * Streams a request in the family's native format through {@code InvokeModelWithResponseStream},
     * decoding the model's chunks into the same events as a Converse stream.
     *
     * <pre>{@code
     * bedrock.nativeModel("meta.llama3-1-8b-instruct-v1:0").stream(ChatRequest.of("Tell a joke"))
     *         .forEachText(System.out::print).join();
     * }</pre>
     *
     * @param request the request
     * @return a single-use stream; the call starts when it is subscribed
     * @throws dev.bedrock4j.core.InvalidRequestException if the request cannot be written natively for this family
     */
    ChatStream stream(ChatRequest request);

    /**
     * Streams a native JSON body and publishes the model's native JSON chunks as they arrive.
     *
     * @param body the request body in the model's own format
     * @return a single-use publisher of chunks; the call starts when it is subscribed
     */
    Flow.Publisher<JsonNode> streamRaw(JsonNode body);
}
