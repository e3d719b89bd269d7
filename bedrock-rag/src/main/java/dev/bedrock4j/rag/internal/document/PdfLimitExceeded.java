package dev.bedrock4j.rag.internal.document;

/**
 * A PDF broke one of the loader's limits. Unchecked, so that it passes the places where PDFBox catches
 * {@link java.io.IOException}s and goes on. Thread-safe.
 */
public final class PdfLimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which limit. */
    public enum Kind {
        /** The number of pages. */
        PAGES,
        /** The bytes decoded from streams, and the text taken. */
        DECODED_BYTES
    }

    private final Kind kind;
    private final long value;
    private final long limit;
    private final String reason;

    PdfLimitExceeded(Kind kind, long value, long limit, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
        this.value = value;
        this.limit = limit;
        this.reason = reason;
    }

    /** Which limit was broken. */
    public Kind kind() {
        return kind;
    }

    /** What the PDF needed, as far as reading went: pages, or bytes (a lower bound, scaled to the whole limit). */
    public long value() {
        return value;
    }

    /** The limit. */
    public long limit() {
        return limit;
    }

    /** What the PDF needs, as a phrase that follows its name: "declares 2000000000 pages". */
    public String reason() {
        return reason;
    }
}
