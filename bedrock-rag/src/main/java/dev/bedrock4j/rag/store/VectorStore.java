package dev.bedrock4j.rag.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A vector store keeps entries (id, vector, text, metadata) and finds those whose vectors are most
 * similar to a query vector by cosine similarity.
 *
 * <pre>{@code
 * EmbeddingModel model = bedrock.embeddings("amazon.titan-embed-text-v2:0");
 * try (VectorStore store = InMemoryVectorStore.create(model.dimension())) {
 *     String text = "Paris is the capital of France.";
 *     store.upsert("doc-1", model.embedDocuments(List.of(text)).embeddings().get(0).vector(), text,
 *             Map.of("lang", "en"));
 *     List<SearchResult> hits = store.search(model.embedQuery("capital of France?").vector(),
 *             SearchOptions.top(3).withFilter(Filter.eq("lang", "en")));
 * }
 * }</pre>
 *
 * <p>Vectors must have the store's dimension, finite values and a non-zero length; stores keep them
 * normalised, so scores are cosine similarities whatever the input's length.
 *
 * <p>Thread-safe; create one and share it.
 */
public interface VectorStore extends AutoCloseable {
    /**
     * The dimension every vector must have.
     *
     * @return the dimension
     */
    int dimension();

    /**
     * Adds a new entry.
     *
     * @param id the entry's id, unique in the store
     * @param vector the vector; copied
     * @param text the entry's text
     * @param metadata the entry's metadata, for filters
     * @throws IllegalArgumentException if the id is already stored (use {@link #upsert}) or the vector is invalid
     */
    void add(String id, float[] vector, String text, Map<String, String> metadata);

    /**
     * Adds an entry, or replaces the one stored under the same id.
     *
     * @param id the entry's id
     * @param vector the vector; copied
     * @param text the entry's text
     * @param metadata the entry's metadata, for filters
     * @throws IllegalArgumentException if the vector is invalid
     */
    void upsert(String id, float[] vector, String text, Map<String, String> metadata);

    /**
     * Removes an entry.
     *
     * @param id the entry's id
     * @return {@code true} if it was stored
     */
    boolean delete(String id);

    /**
     * The number of entries.
     *
     * @return the count
     */
    int count();

    /**
     * Finds the entries most similar to a query vector.
     *
     * @param query the query vector, of the store's dimension
     * @param options how many hits, the score floor and the metadata filter
     * @return the hits, best first, ties by id
     * @throws IllegalArgumentException if the query vector is invalid
     */
    List<SearchResult> search(float[] query, SearchOptions options);

    /**
     * Finds the {@code topK} entries most similar to a query vector.
     *
     * @param query the query vector
     * @param topK the most hits to return
     * @return the hits, best first
     */
    default List<SearchResult> search(float[] query, int topK) {
        return search(query, SearchOptions.top(topK));
    }

    /**
     * Answers many queries at once. Exact stores answer them in one pass over the vectors, which is much
     * faster per query than searching one by one.
     *
     * @param queries the query vectors
     * @param options the options, applied to every query
     * @return one list of hits per query, in query order
     */
    default List<List<SearchResult>> searchBatch(List<float[]> queries, SearchOptions options) {
        List<List<SearchResult>> results = new ArrayList<>(queries.size());
        for (float[] query : queries) {
            results.add(search(query, options));
        }
        return List.copyOf(results);
    }

    /** Releases what the store holds open; a persistent store saves pending changes first. */
    @Override
    void close();
}
