package dev.bedrock4j.rag;

/**
 * How a knowledge base searches: by meaning only, or by meaning and keywords together.
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum SearchType {
    /** The knowledge base's own choice: Bedrock picks per vector store; a local knowledge base searches vectors. */
    DEFAULT,
    /** Vector similarity only. */
    SEMANTIC,
    /**
     * Vector similarity combined with keyword matching. Bedrock runs both searches when its vector store
     * supports it; a local knowledge base re-ranks a wider set of vector hits by the query words they contain.
     */
    HYBRID
}
