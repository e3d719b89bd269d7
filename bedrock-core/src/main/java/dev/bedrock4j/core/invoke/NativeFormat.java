package dev.bedrock4j.core.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.internal.NativeFormats;
import dev.bedrock4j.core.stream.ChatEvent;
import java.util.List;
import java.util.function.Function;

/**
 * A model family's native {@code InvokeModel} body: how a model-agnostic {@link ChatRequest} is written
 * as that family's JSON, and how its JSON answer is read back as a {@link ChatResponse}. The same
 * prompt can so be sent natively to each family.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder().system("Be brief.").user("Name three rivers.").maxTokens(100).build();
 * ObjectNode body = NativeFormat.anthropicMessages().toBody(request);
 * // {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"system":"Be brief.","messages":[...]}
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface NativeFormat {

    /**
     * The family this format serves.
     *
     * @return the family
     */
    ModelFamily family();

    /**
     * Writes a request as this family's native body.
     *
     * @param request the request
     * @return the JSON body
     * @throws dev.bedrock4j.core.InvalidRequestException if the request uses something this body cannot carry
     */
    ObjectNode toBody(ChatRequest request);

    /**
     * Reads this family's native answer.
     *
     * @param body the JSON the model returned
     * @return the response; usage is zero where the body carries no token counts
     */
    ChatResponse fromBody(JsonNode body);

    /**
     * A decoder for this family's {@code InvokeModelWithResponseStream} chunks: each chunk (the model's
     * own JSON) becomes the {@link ChatEvent}s it carries. A decoder keeps state across the chunks of one
     * stream, so use a new one per stream.
     *
     * @return a new decoder
     */
    Function<JsonNode, List<ChatEvent>> streamDecoder();

    /**
     * Anthropic Claude's Messages API body ({@code anthropic_version} {@code bedrock-2023-05-31}).
     *
     * @return the format
     */
    static NativeFormat anthropicMessages() {
        return NativeFormats.ANTHROPIC;
    }

    /**
     * Amazon Nova's {@code messages-v1} body.
     *
     * @return the format
     */
    static NativeFormat novaMessages() {
        return NativeFormats.NOVA;
    }

    /**
     * Amazon Titan Text's {@code inputText} body.
     *
     * @return the format
     */
    static NativeFormat titanText() {
        return NativeFormats.TITAN;
    }

    /**
     * Meta Llama 3's formatted {@code prompt} body.
     *
     * @return the format
     */
    static NativeFormat llama() {
        return NativeFormats.LLAMA;
    }

    /**
     * Mistral's {@code [INST]} formatted {@code prompt} body.
     *
     * @return the format
     */
    static NativeFormat mistral() {
        return NativeFormats.MISTRAL;
    }

    /**
     * Cohere Command R's chat body ({@code message}, {@code chat_history}, {@code preamble}).
     *
     * @return the format
     */
    static NativeFormat cohereCommand() {
        return NativeFormats.COHERE;
    }

    /**
     * The format for a family.
     *
     * @param family the family
     * @return the format
     * @throws IllegalArgumentException if the family has no chat body (embeddings, unknown)
     */
    static NativeFormat forFamily(ModelFamily family) {
        return NativeFormats.forFamily(family);
    }
}
