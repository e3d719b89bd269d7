package dev.bedrock4j.rag.chunk;

import java.util.Map;
import java.util.Objects;

/**
 * A chunk is a passage of a document, small enough to embed and to put in a prompt, that remembers where
 * it came from: the document, its place among the document's chunks, its character offsets and its pages.
 *
 * <pre>{@code
 * for (Chunk chunk : Chunker.recursive(300, 30).chunk(document)) {
 *     assert chunk.text().equals(document.text().substring(chunk.start(), chunk.end()));
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param documentId the id of the document the chunk is part of
 * @param index the chunk's position among the document's chunks, from 0
 * @param text the chunk's text: exactly the document's text from {@code start} to {@code end}
 * @param start the offset of the chunk's first character in the document's text
 * @param end the offset just past the chunk's last character
 * @param firstPage the page the chunk starts on, from 1; 0 for a document without pages
 * @param lastPage the page the chunk ends on; 0 for a document without pages
 * @param metadata the document's metadata
 */
public record Chunk(String documentId, int index, String text, int start, int end, int firstPage, int lastPage,
                    Map<String, String> metadata) {
    /** The metadata key under which a stored chunk keeps its document's id; filter on it to search one document. */
    public static final String DOCUMENT_ID = "document_id";
    /** The metadata key under which a stored chunk keeps the page it starts on, for documents with pages. */
    public static final String PAGE = "page";

    /**
     * Validates and copies the components.
     *
     * @param documentId the document id
     * @param index the index
     * @param text the text
     * @param start the start offset
     * @param end the end offset
     * @param firstPage the first page, or 0
     * @param lastPage the last page, or 0
     * @param metadata the metadata
     * @throws IllegalArgumentException if the offsets do not match the text or the pages are out of order
     */
    public Chunk {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(metadata);
        if (index < 0 || start < 0 || end - start != text.length()) {
            throw new IllegalArgumentException("chunk " + index + " of " + documentId + " has offsets " + start + ".."
                    + end + " for a text of " + text.length() + " characters; end - start must be the text's length");
        }
        if (firstPage < 0 || lastPage < firstPage || (firstPage == 0) != (lastPage == 0)) {
            throw new IllegalArgumentException("chunk " + index + " of " + documentId + " has pages " + firstPage + ".."
                    + lastPage + "; use 0 and 0 without pages, else 1 <= firstPage <= lastPage");
        }
    }

    /**
     * The estimated number of tokens of the text.
     *
     * @return {@link Chunker#estimateTokens(CharSequence)} of the text
     */
    public int estimatedTokens() {
        return Chunker.estimateTokens(text);
    }
}
