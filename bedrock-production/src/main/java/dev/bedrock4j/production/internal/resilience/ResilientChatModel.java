package dev.bedrock4j.production.internal.resilience;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.stream.ChatStream;
import dev.bedrock4j.production.resilience.Resilience;

/** A {@link ChatModel} whose calls and streams pass a {@link Resilience}'s protections. Thread-safe. */
public final class ResilientChatModel implements ChatModel {
    private final ChatModel delegate;
    private final Resilience resilience;

    /** Wraps a model. */
    public ResilientChatModel(ChatModel delegate, Resilience resilience) {
        this.delegate = delegate;
        this.resilience = resilience;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
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
    public String toString() {
        return "ResilientChatModel[" + delegate + ", " + resilience.policy() + "]";
    }
}
