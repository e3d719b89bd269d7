package dev.bedrock4j.core.embed;

import java.util.List;
import java.util.Objects;

/**
 * An embedding model turns texts into vectors whose closeness reflects closeness of meaning.
 * The interface is model-agnostic: Titan and Cohere differ on the wire (one text per request or
 * batches of 96, input types, token reporting) and the implementation hides it.
 *
 * <pre>{@code
 * EmbeddingModel model = bedrock.embeddings("amazon.titan-embed-text-v2:0");
 * EmbeddingResponse docs = model.embedDocuments(List.of("Paris is the capital of France.",
 *                                                       "Berlin is the capital of Germany."));
 * Embedding query = model.embedQuery("What is the capital of France?");
 * double score = query.cosineSimilarity(docs.embeddings().get(0));
 * }</pre>
 *
 * <p>Texts are checked before any network call: an empty or blank text, or one longer than the model
 * accepts, fails with {@link dev.bedrock4j.core.InvalidRequestException} naming its index.
 *
 * <p>Thread-safe; create one and share it.
 */
public interface EmbeddingModel {
    /**
     * The model id calls are addressed to.
     *
     * @return the model id, inference profile id or ARN
     */
    String modelId();

    /**
     * The size of the vectors this model returns.
     *
     * @return the dimension
     */
    int dimension();

    /**
     * Embeds texts, in as many requests as the model needs, and returns one embedding per text in order.
     *
     * @param texts the texts; each non-blank and within the model's length limit
     * @param inputType what the texts are for
     * @return the embeddings and the tokens they cost
     * @throws dev.bedrock4j.core.InvalidRequestException if a text is invalid (before any call)
     * @throws dev.bedrock4j.core.BedrockException if a call fails; throttling is retryable
     */
    EmbeddingResponse embed(List<String> texts, InputType inputType);

    /**
     * Embeds passages for storage and later search.
     *
     * @param texts the passages
     * @return one embedding per passage, in order
     * @throws dev.bedrock4j.core.InvalidRequestException if a text is invalid (before any call)
     * @throws dev.bedrock4j.core.BedrockException if a call fails
     */
    default EmbeddingResponse embedDocuments(List<String> texts) {
        return embed(texts, InputType.DOCUMENT);
    }

    /**
     * Embeds one search query.
     *
     * @param query the query text
     * @return its embedding
     * @throws dev.bedrock4j.core.InvalidRequestException if the text is invalid (before any call)
     * @throws dev.bedrock4j.core.BedrockException if the call fails
     */
    default Embedding embedQuery(String query) {
        return embed(List.of(Objects.requireNonNull(query, "query")), InputType.QUERY).embeddings().get(0);
    }
}
