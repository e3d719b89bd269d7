package dev.bedrock4j.rag.document;

import java.util.Objects;

/**
 * A document needs more than one of the loader's limits allows, so reading it stopped: a PDF with more pages
 * than {@link DocumentLoader.Builder#maxPages(int)}, or one whose streams decompress to (or whose text takes)
 * more than {@link DocumentLoader.Builder#maxDecodedBytes(long)}, as a decompression bomb does. The message
 * names the document, what it needed and the limit; raise the limit if the document is trusted and expected.
 *
 * <pre>{@code
 * try {
 *     loader.load(upload);
 * } catch (DocumentLimitException e) {
 *     log.warn("refused {}: {} {} over {}", e.document(), e.limit(), e.value(), e.maximum());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DocumentLimitException extends DocumentLoadException {
    private static final long serialVersionUID = 1L;

    /** The limits a document can break while it is read. Instances are immutable and thread-safe. */
    public enum Limit {
        /** The pages of a PDF: {@link DocumentLoader.Builder#maxPages(int)}. */
        PAGES,
        /** The bytes a PDF's streams decode to, and its text: {@link DocumentLoader.Builder#maxDecodedBytes(long)}. */
        DECODED_BYTES
    }

    /** The file, URI or stream name. */
    private final String document;
    /** Which limit. */
    private final Limit limit;
    /** What the document needed when reading stopped. */
    private final long value;
    /** The limit's value. */
    private final long maximum;

    /**
     * Creates the exception.
     *
     * @param document the file, URI or stream name
     * @param limit which limit was broken
     * @param value what the document needed when reading stopped: pages, or bytes (a lower bound)
     * @param maximum the limit's value
     * @param message the full message, naming the document, the value, the limit and the fix
     */
    public DocumentLimitException(String document, Limit limit, long value, long maximum, String message) {
        super(message);
        this.document = Objects.requireNonNull(document, "document");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.value = value;
        this.maximum = maximum;
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
     * Which limit it broke.
     *
     * @return the limit
     */
    public Limit limit() {
        return limit;
    }

    /**
     * What the document needed when reading stopped.
     *
     * @return pages, or for {@link Limit#DECODED_BYTES} bytes, a lower bound of the real need
     */
    public long value() {
        return value;
    }

    /**
     * The limit's value.
     *
     * @return the most pages, or bytes, allowed
     */
    public long maximum() {
        return maximum;
    }
}
