package dev.bedrock4j.production.internal.resilience;

import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingResponse;
import dev.bedrock4j.core.embed.InputType;
import dev.bedrock4j.production.resilience.Resilience;
import java.util.List;

/**
 * An {@link EmbeddingModel} whose calls pass a {@link Resilience}'s protections. Given the one-request
 * model a {@code Bedrock} decorates, each request is protected on its own. Thread-safe.
 */
public final class ResilientEmbeddingModel implements EmbeddingModel {
    private final EmbeddingModel delegate;
    private final Resilience resilience;

    /** Wraps a model. */
    public ResilientEmbeddingModel(EmbeddingModel delegate, Resilience resilience) {
        this.delegate = delegate;
        this.resilience = resilience;
    }

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
        return Guard.call(resilience, modelId(), TokenEstimates.estimate(texts), () -> delegate.embed(texts, inputType));
    }

    @Override
    public String toString() {
        return "ResilientEmbeddingModel[" + delegate + ", " + resilience.policy() + "]";
    }
}
