package dev.bedrock4j.rag.document;

/**
 * A document is larger than the loader's limit, so it was not read (or reading stopped at the limit).
 * Raise the limit with {@link DocumentLoader.Builder#maxBytes(long)} if the document is expected.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DocumentTooLargeException extends DocumentLoadException {
    private static final long serialVersionUID = 1L;

    /** The file, URI or stream name. */
    private final String document;
    /** The size in bytes, or for a stream a lower bound. */
    private final long size;
    /** The limit in bytes. */
    private final long limit;

    /**
     * Creates the exception.
     *
     * @param document the file, URI or stream name
     * @param size the document's size in bytes; for a stream, the bytes read before stopping
     * @param exact whether {@code size} is the whole size (a file) or a lower bound (a stream)
     * @param limit the limit in bytes
     */
    public DocumentTooLargeException(String document, long size, boolean exact, long limit) {
        super(document + " is " + (exact ? "" : "more than ") + size + " bytes, over the limit of " + limit
                + " bytes; raise it with DocumentLoader.builder().maxBytes(...) if this document is expected");
        this.document = document;
        this.size = size;
        this.limit = limit;
    }

    /**
     * The document that was refused.
     *
     * @return its file, URI or stream name
     */
    public String document() {
        return document;
    }

    /**
     * How large the document is.
     *
     * @return its size in bytes, or for a stream a lower bound
     */
    public long size() {
        return size;
    }

    /**
     * The limit it broke.
     *
     * @return the limit in bytes
     */
    public long limit() {
        return limit;
    }
}
