package dev.bedrock4j.core.embed;

/**
 * What a text is embedded for. Models such as Cohere Embed produce different vectors for stored
 * documents and for the queries that search them; models without the distinction ignore it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum InputType {
    /** A passage stored for later search (Cohere {@code search_document}). */
    DOCUMENT("search_document"),
    /** A question or search phrase matched against documents (Cohere {@code search_query}). */
    QUERY("search_query"),
    /** A text to classify (Cohere {@code classification}). */
    CLASSIFICATION("classification"),
    /** A text to cluster (Cohere {@code clustering}). */
    CLUSTERING("clustering");

    private final String cohereName;

    InputType(String cohereName) {
        this.cohereName = cohereName;
    }

    /**
     * The value of Cohere's {@code input_type} field for this type.
     *
     * @return the wire name, such as {@code "search_query"}
     */
    public String cohereName() {
        return cohereName;
    }
}
