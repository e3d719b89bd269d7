package dev.bedrock4j.production.internal.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.production.resilience.Resilience;
import java.util.concurrent.Flow;

/** A {@link NativeModel} whose calls and streams pass a {@link Resilience}'s protections. Thread-safe. */
public final class ResilientNativeModel implements NativeModel {
    private final NativeModel delegate;
    private final Resilience resilience;

    /** Wraps a model. */
    public ResilientNativeModel(NativeModel delegate, Resilience resilience) {
        this.delegate = delegate;
        this.resilience = resilience;
    }

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
        return Guard.call(resilience, modelId(), TokenEstimates.estimate(body), () -> delegate.invoke(body));
    }

    @Override
    public ChatResponse call(ChatRequest request) {
        return Guard.call(resilience, modelId(), TokenEstimates.estimate(request), () -> delegate.call(request));
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        return RetryingPublisher.chatStream(modelId(), resilience, TokenEstimates.estimate(request), () -> delegate.stream(request));
    }

    @Override
    public Flow.Publisher<JsonNode> streamRaw(JsonNode body) {
        return new RetryingPublisher<>(modelId(), resilience, TokenEstimates.estimate(body), attempt -> delegate.streamRaw(body));
    }

    @Override
    public String toString() {
        return "ResilientNativeModel[" + delegate + ", " + resilience.policy() + "]";
    }
}
