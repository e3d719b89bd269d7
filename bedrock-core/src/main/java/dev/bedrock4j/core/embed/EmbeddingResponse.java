package dev.bedrock4j.core.embed;

import java.util.List;

/**
 * The embeddings of a list of texts, in the order of the texts, and the input tokens they cost.
 *
 * <pre>{@code
 * EmbeddingResponse response = model.embedDocuments(List.of("first passage", "second passage"));
 * Embedding first = response.embeddings().get(0);
 * int tokens = response.inputTokens();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param embeddings one embedding per input text, in input order
 * @param inputTokens the input tokens billed for all requests together, or 0 when the service did not say
 */
public record EmbeddingResponse(List<Embedding> embeddings, int inputTokens) {
    /**
     * Validates and copies the components.
     *
     * @param embeddings the embeddings
     * @param inputTokens the token count
     */
    public EmbeddingResponse {
        embeddings = List.copyOf(embeddings);
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens must be >= 0, was " + inputTokens);
        }
    }
}
