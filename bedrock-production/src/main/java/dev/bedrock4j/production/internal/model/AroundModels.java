package dev.bedrock4j.production.internal.model;

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
import dev.bedrock4j.production.internal.resilience.TokenEstimates;
import java.util.List;
import java.util.concurrent.Flow;

/** Chat, embedding and native models whose every operation passes an {@link Around}. Thread-safe. */
public final class AroundModels {
    private AroundModels() {
    }

    /** A chat model whose calls ({@code chat}) and streams pass {@code around}. */
    public static ChatModel chat(ChatModel delegate, Around around) {
        return new ChatModel() {
            @Override
            public String modelId() {
                return delegate.modelId();
            }

            @Override
            public ChatResponse call(ChatRequest request) {
                return around.call("chat", modelId(), () -> TokenEstimates.estimate(around.tokenCounter(), modelId(), request), () -> delegate.call(request),
                        ChatResponse::usage);
            }

            @Override
            public ChatStream stream(ChatRequest request) {
                return around.stream(modelId(), () -> TokenEstimates.estimate(around.tokenCounter(), modelId(), request), () -> delegate.stream(request));
            }

            @Override
            public String toString() {
                return around + "[" + delegate + "]";
            }
        };
    }

    /** An embedding model whose calls ({@code embeddings}, input tokens as usage) pass {@code around}. */
    public static EmbeddingModel embeddings(EmbeddingModel delegate, Around around) {
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
                return around.call("embeddings", modelId(), () -> TokenEstimates.estimate(around.tokenCounter(), modelId(), texts),
                        () -> delegate.embed(texts, inputType), response -> Usage.of(response.inputTokens(), 0));
            }

            @Override
            public String toString() {
                return around + "[" + delegate + "]";
            }
        };
    }

    /**
     * A native model whose operations pass {@code around}: {@code invoke} (a native body reports no common
     * usage), {@code chat}, streams and raw streams.
     */
    public static NativeModel nativeModel(NativeModel delegate, Around around) {
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
                return around.call("invoke", modelId(), () -> TokenEstimates.estimate(around.tokenCounter(), modelId(), body), () -> delegate.invoke(body), null);
            }

            @Override
            public ChatResponse call(ChatRequest request) {
                return around.call("chat", modelId(), () -> TokenEstimates.estimate(around.tokenCounter(), modelId(), request), () -> delegate.call(request),
                        ChatResponse::usage);
            }

            @Override
            public ChatStream stream(ChatRequest request) {
                return around.stream(modelId(), () -> TokenEstimates.estimate(around.tokenCounter(), modelId(), request), () -> delegate.stream(request));
            }

            @Override
            public Flow.Publisher<JsonNode> streamRaw(JsonNode body) {
                return around.publisher(modelId(), () -> TokenEstimates.estimate(around.tokenCounter(), modelId(), body), () -> delegate.streamRaw(body));
            }

            @Override
            public String toString() {
                return around + "[" + delegate + "]";
            }
        };
    }
}
