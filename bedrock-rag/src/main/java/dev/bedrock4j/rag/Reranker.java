package dev.bedrock4j.rag;

import dev.bedrock4j.rag.internal.KeywordReranker;
import java.util.List;

/**
 * A reranker orders passages by how well they answer a query, after a first, cheaper search found them: a
 * knowledge base fetches more candidates than it returns and lets the reranker pick the best. Two
 * implementations: {@link #keywords()}, local and free (vector rank fused with the query words each passage
 * holds), and {@link dev.bedrock4j.rag.bedrock.BedrockReranker}, Bedrock's {@code Rerank} with Amazon Rerank
 * or Cohere Rerank.
 *
 * <pre>{@code
 * Reranker reranker = BedrockReranker.of(agentRuntime, BedrockReranker.AMAZON_RERANK);
 * KnowledgeBase kb = KnowledgeBase.of(titan, store, reranker);
 * List<RetrievedChunk> best = kb.retrieve("How many vacation days do I get?", RetrievalOptions.top(3));
 * }</pre>
 *
 * <p>The passages returned keep their text, location and metadata; their score becomes the reranker's.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Reranker {
    /**
     * Orders passages by relevance to a query and keeps the best.
     *
     * @param query the query; not blank
     * @param passages the candidates, in the first search's order (best first)
     * @param topN how many to keep, at least 1
     * @return at most {@code topN} passages, best first, each scored by this reranker
     * @throws dev.bedrock4j.core.InvalidRequestException if the query is blank or a passage cannot be sent
     * @throws dev.bedrock4j.core.BedrockException if a remote reranker's call fails
     */
    List<RetrievedChunk> rerank(String query, List<RetrievedChunk> passages, int topN);

    /**
     * The local keyword reranker: the candidates' order fused by reciprocal rank ({@code 1/(60 + rank)}) with a
     * keyword ranking (the query words each passage holds, rarer words weighing more). No call is made. This is
     * what {@link SearchType#HYBRID} runs on a local knowledge base.
     *
     * @return the reranker
     */
    static Reranker keywords() {
        return KeywordReranker.INSTANCE;
    }
}
