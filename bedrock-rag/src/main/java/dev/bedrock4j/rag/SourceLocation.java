package dev.bedrock4j.rag;

import java.util.Objects;

/**
 * Where a retrieved passage comes from: its document, the document's source and title, and, when known, the
 * page it starts on and its character offsets in the document's text.
 *
 * <pre>{@code
 * SourceLocation where = chunk.location();
 * System.out.println(where.label());   // "handbook.pdf, page 3, characters 4120-4980"
 * }</pre>
 *
 * <p>A local knowledge base knows every field; a Bedrock knowledge base reports the source (an S3 URI, a URL
 * or an id) and a page when its parser recorded one, but no character offsets.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param documentId the id of the document
 * @param source where the document comes from: a path, URI or name
 * @param title the document's title; empty when unknown
 * @param page the page the passage starts on, from 1; 0 when unknown or the document has no pages
 * @param start the offset of the passage's first character in the document's text; -1 when unknown
 * @param end the offset just past the passage's last character; -1 when unknown
 */
public record SourceLocation(String documentId, String source, String title, int page, int start, int end) {
    /**
     * Validates the components.
     *
     * @param documentId the document id
     * @param source the source
     * @param title the title, or empty
     * @param page the page, or 0
     * @param start the start offset, or -1
     * @param end the end offset, or -1
     * @throws IllegalArgumentException if the page or offsets are out of range
     */
    public SourceLocation {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(title, "title (use \"\" when unknown)");
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 1, or 0 when unknown; was " + page);
        }
        if ((start < 0 || end < 0) ? (start != -1 || end != -1) : end < start) {
            throw new IllegalArgumentException("offsets must satisfy 0 <= start <= end, or both be -1 when unknown;"
                    + " were " + start + ", " + end);
        }
    }

    /**
     * A location known only by its source.
     *
     * @param source the path, URI or name, also used as the document id
     * @return the location
     */
    public static SourceLocation of(String source) {
        return new SourceLocation(source, source, "", 0, -1, -1);
    }

    /**
     * Whether the character offsets are known.
     *
     * @return {@code true} when {@link #start()} and {@link #end()} are offsets
     */
    public boolean hasOffsets() {
        return start >= 0;
    }

    /**
     * A short description for people, such as {@code handbook.pdf, page 3, characters 4120-4980}.
     *
     * @return the source, then the page and the offsets when known
     */
    public String label() {
        StringBuilder label = new StringBuilder(source);
        if (page > 0) {
            label.append(", page ").append(page);
        }
        if (hasOffsets()) {
            label.append(", characters ").append(start).append('-').append(end);
        }
        return label.toString();
    }
}
