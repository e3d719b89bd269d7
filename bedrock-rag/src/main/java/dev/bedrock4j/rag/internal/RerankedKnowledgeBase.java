package dev.bedrock4j.rag.internal;

import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.Reranker;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.RetrievedChunk;
import java.util.List;
import java.util.Objects;

/**
 * A knowledge base whose hits are reranked: it asks the inner one for {@value #CANDIDATES_FACTOR} times the
 * passages wanted (at most {@value RetrievalOptions#MAX_TOP_K}) and keeps the reranker's best. Thread-safe when
 * the inner knowledge base and the reranker are.
 */
public final class RerankedKnowledgeBase implements KnowledgeBase {
    /** How many more candidates than asked for are reranked. */
    public static final int CANDIDATES_FACTOR = 4;

    private final KnowledgeBase inner;
    private final Reranker reranker;

    /** A knowledge base over another, reranking its hits. */
    public RerankedKnowledgeBase(KnowledgeBase inner, Reranker reranker) {
        this.inner = Objects.requireNonNull(inner, "knowledgeBase");
        this.reranker = Objects.requireNonNull(reranker, "reranker");
    }

    @Override
    public List<RetrievedChunk> retrieve(String query, RetrievalOptions options) {
        Queries.check(query);
        Objects.requireNonNull(options, "options");
        int candidates = Math.min(RetrievalOptions.MAX_TOP_K, options.topK() * CANDIDATES_FACTOR);
        List<RetrievedChunk> hits = inner.retrieve(query, options.withTopK(candidates));
        return hits.isEmpty() ? hits : List.copyOf(reranker.rerank(query, hits, options.topK()));
    }

    @Override
    public String toString() {
        return inner + " reranked by " + reranker;
    }
}
