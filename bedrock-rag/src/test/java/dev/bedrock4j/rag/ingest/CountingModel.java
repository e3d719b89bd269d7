package dev.bedrock4j.rag.ingest;

import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingResponse;
import dev.bedrock4j.core.embed.InputType;
import java.util.List;

/** An embedding model that answers a number of calls, then is throttled. */
final class CountingModel implements EmbeddingModel {
    private final EmbeddingModel delegate;
    private int callsLeft;

    CountingModel(EmbeddingModel delegate, int calls) {
        this.delegate = delegate;
        this.callsLeft = calls;
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
    public synchronized EmbeddingResponse embed(List<String> texts, InputType inputType) {
        if (callsLeft-- <= 0) {
            throw new ThrottledException("slow down");
        }
        return delegate.embed(texts, inputType);
    }
}
