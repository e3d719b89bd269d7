package dev.bedrock4j.testkit;

import dev.bedrock4j.testkit.internal.server.KnowledgeBaseState;
import java.util.Map;

/**
 * A knowledge base on a {@link LocalBedrockServer}, answering {@code Retrieve}, {@code RetrieveAndGenerate}
 * and {@code RetrieveAndGenerateStream}. Documents are scored by the cosine similarity of deterministic
 * hashing-trick embeddings (texts that share words score high), mapped to [0, 1]; Bedrock's metadata
 * filters ({@code equals}, {@code in}, {@code startsWith}, {@code andAll}, ...) apply.
 *
 * <pre>{@code
 * server.knowledgeBase("KB123")
 *         .add("returns", "Items can be returned within 30 days.", Map.of("category", "policy"))
 *         .add("shipping", "Orders ship within one business day.");
 * }</pre>
 *
 * <p>A document whose metadata has {@code x-amz-bedrock-kb-source-uri} set to an {@code s3://} URI is
 * located in S3; any other document has a {@code CUSTOM} location with its id.
 *
 * <p>Thread-safe.
 */
public final class LocalKnowledgeBase {
    private final KnowledgeBaseState state;

    LocalKnowledgeBase(KnowledgeBaseState state) {
        this.state = state;
    }

    /**
     * The knowledge base id.
     *
     * @return the id
     */
    public String id() {
        return state.id();
    }

    /**
     * Adds a document, or replaces the one with the same id.
     *
     * @param documentId the document id
     * @param text the text retrieved and cited
     * @return this
     */
    public LocalKnowledgeBase add(String documentId, String text) {
        return add(documentId, text, Map.of());
    }

    /**
     * Adds a document with metadata, or replaces the one with the same id.
     *
     * @param documentId the document id
     * @param text the text retrieved and cited
     * @param metadata attributes returned with the document and matched by filters: strings, numbers,
     *                 booleans or lists of strings
     * @return this
     */
    public LocalKnowledgeBase add(String documentId, String text, Map<String, ?> metadata) {
        state.add(documentId, text, metadata);
        return this;
    }

    /**
     * How many documents the knowledge base holds.
     *
     * @return the count
     */
    public int size() {
        return state.size();
    }

    /**
     * Removes every document.
     *
     * @return this
     */
    public LocalKnowledgeBase clear() {
        state.clear();
        return this;
    }
}
