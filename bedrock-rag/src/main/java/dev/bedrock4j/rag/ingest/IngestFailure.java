package dev.bedrock4j.rag.ingest;

import java.util.Objects;

/**
 * A document an ingestion run could not store; its previous version, if any, stays in the store untouched.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param documentId the document's id
 * @param error why it failed, such as a {@link dev.bedrock4j.core.BedrockException} from the embedding model
 */
public record IngestFailure(String documentId, RuntimeException error) {
    /**
     * Validates the components.
     *
     * @param documentId the document id
     * @param error the error
     */
    public IngestFailure {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(error, "error");
    }
}
