package dev.bedrock4j.rag.internal.document;

/**
 * What reading one PDF may cost, out of one limit {@code L}:
 * <ul>
 *   <li>work: the bytes its streams decode to, counted each time one is read and at least
 *       {@value #MIN_STREAM_COST} a read, plus {@value #CHAR_COST} for each character of text, at most {@code L}
 *       in all. PDFBox spends about a microsecond on a character of ordinary text, up to ten on contrived
 *       ones, and far less on a decoded byte, so the time a PDF can take grows with {@code L};</li>
 *   <li>memory: one read of a stream decodes to at most {@code L / 4} bytes, held at once; one page holds at
 *       most {@code L / 4096} characters, since PDFBox keeps about a kilobyte per glyph until the page ends.</li>
 * </ul>
 * Once a limit is broken every further charge fails too, so that a failure PDFBox catches and logs still
 * ends the read. Not thread-safe: one PDF is read on one thread.
 */
final class PdfBudget {
    /** The least a read of one stream costs, however short: each read has overhead of its own. */
    static final long MIN_STREAM_COST = 1024;
    /** What a character of text costs. */
    static final long CHAR_COST = 16;
    /** The share of the limit one page's characters may take, a kilobyte or so each. */
    static final long PAGE_SHARE = 4096;

    private final long limit;
    private long spent;
    private PdfLimitExceeded exceeded;

    PdfBudget(long limit) {
        this.limit = limit;
    }

    /** The most bytes one read of one stream may decode to. */
    long maxStreamBytes() {
        return limit / 4;
    }

    /** The most characters one page may hold. */
    long maxCharsPerPage() {
        return Math.max(1, limit / PAGE_SHARE);
    }

    /**
     * Spends some bytes of work.
     *
     * @throws PdfLimitExceeded if the budget is spent, now or earlier
     */
    void charge(long bytes) {
        check();
        spent += bytes;
        if (spent > limit) {
            fail(spent, "its streams, counted each time one is read, and its text (" + CHAR_COST + " bytes a character)"
                    + " need more than " + limit + " bytes in all");
        }
    }

    /**
     * Spends what a page's text costs.
     *
     * @throws PdfLimitExceeded if the budget is spent
     */
    void chargeText(long chars) {
        charge(CHAR_COST * chars);
    }

    /**
     * Fails for one stream read that decoded too much.
     *
     * @throws PdfLimitExceeded always
     */
    void streamTooLarge(long decoded) {
        fail(decoded * 4, "one of its streams decompresses to more than " + maxStreamBytes()
                + " bytes, a quarter of the limit");
    }

    /**
     * Fails for a page with too many characters.
     *
     * @throws PdfLimitExceeded always
     */
    void pageTooLong(int page, long chars) {
        fail(chars * PAGE_SHARE, "page " + page + " has more than " + maxCharsPerPage() + " characters, one per 4 KiB of"
                + " the limit");
    }

    /**
     * Fails if a limit was ever broken, even if the failure was caught on the way.
     *
     * @throws PdfLimitExceeded if one was
     */
    void check() {
        if (exceeded != null) {
            throw exceeded;
        }
    }

    private void fail(long value, String reason) {
        exceeded = new PdfLimitExceeded(PdfLimitExceeded.Kind.DECODED_BYTES, value, limit, reason);
        throw exceeded;
    }
}
