package dev.bedrock4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.SdkJson;
import dev.bedrock4j.testkit.internal.server.NativeBodies;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;

/**
 * Reads what a caller sent as the library's {@link ChatRequest}, whichever way it travelled: a Converse
 * body, or a model family's native {@code InvokeModel} body. One reading serves the server's record and
 * the fake SDK clients' record alike. Thread-safe.
 */
public final class ChatRequests {
    private ChatRequests() {
    }

    /** The chat request an SDK request carries, or empty when it carries none (embeddings, agents, unreadable bodies). */
    public static Optional<ChatRequest> fromSdk(SdkRequest request) {
        if (request instanceof ConverseRequest || request instanceof ConverseStreamRequest) {
            return fromConverse(SdkJson.toJson((SdkPojo) request));
        }
        if (request instanceof InvokeModelRequest invoke) {
            return fromNative(invoke.modelId(), invoke.body());
        }
        if (request instanceof InvokeModelWithResponseStreamRequest invoke) {
            return fromNative(invoke.modelId(), invoke.body());
        }
        return Optional.empty();
    }

    /** The chat request in a Converse body, or empty when the body cannot be read as one. */
    public static Optional<ChatRequest> fromConverse(JsonNode body) {
        try {
            return Optional.of(ConverseCodec.parseRequest(body));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The chat request in a native {@code InvokeModel} body of a model, or empty for models that do not chat. */
    public static Optional<ChatRequest> fromNative(String modelId, JsonNode body) {
        if (modelId == null || body.isMissingNode()) {
            return Optional.empty();
        }
        try {
            ModelFamily family = ModelCatalog.defaults().lookup(modelId).family();
            return NativeBodies.readsChat(family) ? Optional.of(NativeBodies.parseRequest(family, body)) : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The chat request a CountTokens body counts: its {@code input.converse}, or the native body in
     * {@code input.invokeModel.body} (base64); empty when it holds neither.
     */
    public static Optional<ChatRequest> fromCountTokens(String modelId, JsonNode body) {
        JsonNode input = body.path("input");
        if (input.has("converse")) {
            return fromConverse(input.get("converse"));
        }
        JsonNode encoded = input.path("invokeModel").path("body");
        if (!encoded.isTextual()) {
            return Optional.empty();
        }
        try {
            return fromNative(modelId, JsonSupport.parse(java.util.Base64.getDecoder().decode(encoded.asText())));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<ChatRequest> fromNative(String modelId, SdkBytes body) {
        if (body == null) {
            return Optional.empty();
        }
        try {
            return fromNative(modelId, JsonSupport.parse(body.asByteArray()));
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
