package dev.bedrock4j.production.internal.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingResponse;
import dev.bedrock4j.core.embed.InputType;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.core.stream.ChatStream;
import java.util.List;
import java.util.concurrent.Flow;

/** The chat, embedding and native models that record {@link Meters} for each operation. Thread-safe. */
public final class MeteredModels {
    private MeteredModels() {
    }

    /** Measures a chat model's calls ({@code chat}) and streams ({@code stream}). */
    public static ChatModel chat(ChatModel delegate, Meters meters) {
        return new ChatModel() {
            @Override
            public String modelId() {
                return delegate.modelId();
            }

            @Override
            public ChatResponse call(ChatRequest request) {
                return meters.measure("chat", modelId(), () -> delegate.call(request), ChatResponse::usage);
            }

            @Override
            public ChatStream stream(ChatRequest request) {
                return meters.measure(modelId(), delegate.stream(request));
            }

            @Override
            public String toString() {
                return "MeteredChatModel[" + delegate + "]";
            }
        };
    }

    /** Measures an embedding model's calls ({@code embeddings}), input tokens included. */
    public static EmbeddingModel embeddings(EmbeddingModel delegate, Meters meters) {
        return new EmbeddingModel() {
            @Override
            public String modelId() {
                return delegate.modelId();
            }

            @Override
            public int dimension() {
                return delegate.dimension();
            }

            @Override
            public EmbeddingResponse embed(List<String> texts, InputType inputType) {
                return meters.measure("embeddings", modelId(), () -> delegate.embed(texts, inputType),
                        response -> Usage.of(response.inputTokens(), 0));
            }

            @Override
            public String toString() {
                return "MeteredEmbeddingModel[" + delegate + "]";
            }
        };
    }

    /**
     * Measures a native model: {@code invoke} (duration only: a native body has no common usage field),
     * {@code chat} and {@code stream}; raw streams pass through unmeasured.
     */
    public static NativeModel nativeModel(NativeModel delegate, Meters meters) {
        return new NativeModel() {
            @Override
            public String modelId() {
                return delegate.modelId();
            }

            @Override
            public NativeFormat format() {
                return delegate.format();
            }

            @Override
            public JsonNode invoke(JsonNode body) {
                return meters.measure("invoke", modelId(), () -> delegate.invoke(body), null);
            }

            @Override
            public ChatResponse call(ChatRequest request) {
                return meters.measure("chat", modelId(), () -> delegate.call(request), ChatResponse::usage);
            }

            @Override
            public ChatStream stream(ChatRequest request) {
                return meters.measure(modelId(), delegate.stream(request));
            }

            @Override
            public Flow.Publisher<JsonNode> streamRaw(JsonNode body) {
                return delegate.streamRaw(body);
            }

            @Override
            public String toString() {
                return "MeteredNativeModel[" + delegate + "]";
            }
        };
    }
}
