package dev.bedrock4j.rag;

import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.rag.internal.RerankedKnowledgeBase;
import dev.bedrock4j.rag.internal.VectorKnowledgeBase;
import dev.bedrock4j.rag.store.VectorStore;
import java.util.List;

/**
 * A knowledge base finds the passages of a document collection that best match a query, each with its source
 * and position, so that answers can cite them. Two implementations run the same code: a local pipeline over an
 * {@link EmbeddingModel} and a {@link VectorStore} ({@link #of(EmbeddingModel, VectorStore)}, filled by an
 * {@link dev.bedrock4j.rag.ingest.Ingestor}), and Amazon Bedrock Knowledge Bases
 * ({@link dev.bedrock4j.rag.bedrock.BedrockKnowledgeBase}).
 *
 * <pre>{@code
 * EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0");
 * VectorStore store = InMemoryVectorStore.create(titan.dimension());
 * Ingestor.builder(titan, store).build().ingest(DocumentLoader.create().loadAll(Path.of("docs")));
 *
 * KnowledgeBase kb = KnowledgeBase.of(titan, store);
 * for (RetrievedChunk hit : kb.retrieve("How many vacation days do I get?", RetrievalOptions.top(3))) {
 *     System.out.println(hit.location().label() + ": " + hit.text());
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe; create one and share it.
 */
public interface KnowledgeBase {
    /**
     * Finds the passages that best match a query.
     *
     * @param query the query, such as a user's question; not blank
     * @param options how many passages, the score floor, the metadata filter and the search type
     * @return the passages, best first; empty when nothing matches
     * @throws dev.bedrock4j.core.InvalidRequestException if the query is blank or the options cannot be
     *         honoured (before any call)
     * @throws dev.bedrock4j.core.BedrockException if embedding the query or the retrieval call fails
     */
    List<RetrievedChunk> retrieve(String query, RetrievalOptions options);

    /**
     * Finds the {@value RetrievalOptions#DEFAULT_TOP_K} passages that best match a query.
     *
     * @param query the query; not blank
     * @return the passages, best first
     * @throws dev.bedrock4j.core.InvalidRequestException if the query is blank
     * @throws dev.bedrock4j.core.BedrockException if a call fails
     */
    default List<RetrievedChunk> retrieve(String query) {
        return retrieve(query, RetrievalOptions.defaults());
    }

    /**
     * A knowledge base over chunks an {@link dev.bedrock4j.rag.ingest.Ingestor} stored: the query is embedded
     * with the same model as the chunks and searched in the store.
     *
     * @param embeddings the model the chunks were embedded with
     * @param store the store holding them
     * @return the knowledge base
     * @throws IllegalArgumentException if the model's and the store's dimensions differ
     */
    static KnowledgeBase of(EmbeddingModel embeddings, VectorStore store) {
        return new VectorKnowledgeBase(embeddings, store);
    }

    /**
     * A knowledge base over chunks an {@link dev.bedrock4j.rag.ingest.Ingestor} stored, whose hits a reranker
     * orders: the store is searched for four times the passages asked for (at most
     * {@value RetrievalOptions#MAX_TOP_K}) and the reranker keeps the best.
     *
     * @param embeddings the model the chunks were embedded with
     * @param store the store holding them
     * @param reranker orders the candidates, such as {@link Reranker#keywords()} or a
     *        {@link dev.bedrock4j.rag.bedrock.BedrockReranker}
     * @return the knowledge base
     * @throws IllegalArgumentException if the model's and the store's dimensions differ
     */
    static KnowledgeBase of(EmbeddingModel embeddings, VectorStore store, Reranker reranker) {
        return of(embeddings, store).withReranker(reranker);
    }

    /**
     * This knowledge base with its hits reranked: it is asked for four times the passages wanted (at most
     * {@value RetrievalOptions#MAX_TOP_K}) and the reranker keeps the best. Works for any knowledge base, a
     * Bedrock one included (which can also rerank on the service side, see
     * {@link dev.bedrock4j.rag.bedrock.BedrockKnowledgeBase.Builder#reranking(String, int)}).
     *
     * @param reranker orders the candidates
     * @return a knowledge base over this one
     */
    default KnowledgeBase withReranker(Reranker reranker) {
        return new RerankedKnowledgeBase(this, reranker);
    }
}
