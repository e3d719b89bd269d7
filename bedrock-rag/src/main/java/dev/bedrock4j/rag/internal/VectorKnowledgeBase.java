package dev.bedrock4j.rag.internal;

import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.rag.KnowledgeBase;
import dev.bedrock4j.rag.RetrievalOptions;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.SearchType;
import dev.bedrock4j.rag.store.SearchOptions;
import dev.bedrock4j.rag.store.SearchResult;
import dev.bedrock4j.rag.store.VectorStore;
import java.util.List;
import java.util.Objects;

/** The local knowledge base: the query embedded, then searched in a vector store. Thread-safe. */
public final class VectorKnowledgeBase implements KnowledgeBase {
    /** How many more candidates than asked for a hybrid search re-ranks. */
    static final int HYBRID_CANDIDATES_FACTOR = 4;

    private final EmbeddingModel embeddings;
    private final VectorStore store;

    /** Creates the knowledge base after checking that model and store agree on the dimension. */
    public VectorKnowledgeBase(EmbeddingModel embeddings, VectorStore store) {
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.store = Objects.requireNonNull(store, "store");
        checkDimensions(embeddings, store);
    }

    /** Fails unless the model's vectors fit the store. */
    public static void checkDimensions(EmbeddingModel embeddings, VectorStore store) {
        if (embeddings.dimension() != store.dimension()) {
            throw new IllegalArgumentException("the embedding model " + embeddings.modelId() + " makes vectors of "
                    + embeddings.dimension() + " dimensions but the store holds " + store.dimension()
                    + "; create the store with model.dimension()");
        }
    }

    @Override
    public List<RetrievedChunk> retrieve(String query, RetrievalOptions options) {
        Queries.check(query);
        Objects.requireNonNull(options, "options");
        float[] vector = embeddings.embedQuery(query).vector();
        boolean hybrid = options.searchType() == SearchType.HYBRID;
        int candidates = hybrid ? Math.min(SearchOptions.MAX_TOP_K, options.topK() * HYBRID_CANDIDATES_FACTOR)
                : options.topK();
        List<SearchResult> hits = store.search(vector, new SearchOptions(candidates, options.minScore(),
                options.filter()));
        List<RetrievedChunk> chunks = hits.stream().map(ChunkRecords::retrieved).toList();
        return hybrid && !chunks.isEmpty() ? KeywordReranker.INSTANCE.rerank(query, chunks, options.topK()) : chunks;
    }

    @Override
    public String toString() {
        return "KnowledgeBase[" + embeddings.modelId() + ", " + store + "]";
    }
}
