package dev.bedrock4j.rag.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A document is a text to search and cite, with an id, metadata such as its source and title, and, for
 * paged formats such as PDF, where each page starts in the text.
 *
 * <pre>{@code
 * Document memo = Document.of("memo-7", "Offices close at 5 pm on Fridays.",
 *         Map.of(Document.SOURCE, "memos/memo-7.txt", Document.TITLE, "Friday hours"));
 * Document manual = Document.ofPages("manual", List.of("Page one text.", "Page two text."),
 *         Map.of(Document.SOURCE, "manual.pdf"));
 * manual.pageAt(manual.text().indexOf("two"));   // 2
 * }</pre>
 *
 * <p>Pages are joined with a blank line ({@link #PAGE_SEPARATOR}); {@link #pageStarts()} holds
 * the offset of each page's first character, so any character offset maps back to its page.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the document's id, unique within a knowledge base; a path or a stable name
 * @param text the document's text
 * @param metadata key-value metadata, stored with every chunk and usable in filters
 * @param pageStarts the offset in {@code text} where each page starts, ascending, the first 0; empty when
 *                   the document has no pages
 */
public record Document(String id, String text, Map<String, String> metadata, List<Integer> pageStarts) {
    /** The metadata key of where a document comes from: a file path, a URI or a name. */
    public static final String SOURCE = "source";
    /** The metadata key of a document's title. */
    public static final String TITLE = "title";
    /** The text put between two pages. */
    public static final String PAGE_SEPARATOR = "\n\n";

    /**
     * Validates and copies the components.
     *
     * @param id the id; not blank
     * @param text the text
     * @param metadata the metadata
     * @param pageStarts the page offsets: empty, or starting at 0, strictly ascending and within the text
     * @throws IllegalArgumentException if the id is blank or the page offsets are out of order
     */
    public Document {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("document id is blank; use a path or another stable name");
        }
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(metadata);
        pageStarts = List.copyOf(pageStarts);
        for (int i = 0; i < pageStarts.size(); i++) {
            int start = pageStarts.get(i);
            boolean ordered = i == 0 ? start == 0 : start > pageStarts.get(i - 1);
            if (!ordered || start > text.length()) {
                throw new IllegalArgumentException("pageStarts of document " + id + " must start at 0, ascend strictly"
                        + " and stay within the text (length " + text.length() + "); got " + pageStarts);
            }
        }
    }

    /**
     * A document of plain text without metadata.
     *
     * @param id the id
     * @param text the text
     * @return the document, with its id as its source
     */
    public static Document of(String id, String text) {
        return of(id, text, Map.of());
    }

    /**
     * A document of plain text with metadata; the source defaults to the id.
     *
     * @param id the id
     * @param text the text
     * @param metadata the metadata
     * @return the document
     */
    public static Document of(String id, String text, Map<String, String> metadata) {
        return new Document(id, text, withSource(id, metadata), List.of());
    }

    /**
     * A document of several pages, joined with {@link #PAGE_SEPARATOR}; the source defaults to the id.
     *
     * @param id the id
     * @param pages the text of each page, in order
     * @param metadata the metadata
     * @return the document
     */
    public static Document ofPages(String id, List<String> pages, Map<String, String> metadata) {
        StringBuilder text = new StringBuilder();
        List<Integer> starts = new ArrayList<>(pages.size());
        for (String page : pages) {
            if (!starts.isEmpty()) {
                text.append(PAGE_SEPARATOR);
            }
            starts.add(text.length());
            text.append(Objects.requireNonNull(page, "page"));
        }
        return new Document(id, text.toString(), withSource(id, metadata), starts);
    }

    private static Map<String, String> withSource(String id, Map<String, String> metadata) {
        if (metadata.containsKey(SOURCE)) {
            return metadata;
        }
        Map<String, String> copy = new LinkedHashMap<>(metadata);
        copy.put(SOURCE, Objects.requireNonNull(id, "id"));
        return copy;
    }

    /**
     * Where the document comes from.
     *
     * @return the {@value #SOURCE} metadata, else the id
     */
    public String source() {
        return metadata.getOrDefault(SOURCE, id);
    }

    /**
     * The document's title.
     *
     * @return the {@value #TITLE} metadata, or empty
     */
    public Optional<String> title() {
        return Optional.ofNullable(metadata.get(TITLE));
    }

    /**
     * The number of pages.
     *
     * @return the page count; 0 for a document without pages
     */
    public int pageCount() {
        return pageStarts.size();
    }

    /**
     * The page a character belongs to.
     *
     * @param offset a character offset into {@link #text()}
     * @return the page number, counting from 1; empty for a document without pages
     * @throws IndexOutOfBoundsException if the offset is outside {@code [0, text().length()]}
     */
    public OptionalInt pageAt(int offset) {
        Objects.checkIndex(offset, text.length() + 1);
        if (pageStarts.isEmpty()) {
            return OptionalInt.empty();
        }
        int low = 0;
        int high = pageStarts.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (pageStarts.get(mid) <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return OptionalInt.of(low + 1);
    }

    /**
     * A copy with one more metadata entry, replacing any with the same key.
     *
     * @param key the key
     * @param value the value
     * @return the new document
     */
    public Document withMetadata(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(metadata);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new Document(id, text, copy, pageStarts);
    }

    /**
     * A fingerprint of the content: the SHA-256 of the text, the metadata and the page offsets. Two documents
     * with the same hash have identical chunks; ingestion uses it to skip unchanged documents.
     *
     * @return 64 lower-case hexadecimal digits
     */
    public String contentHash() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        update(sha, text);
        for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
            update(sha, entry.getKey());
            update(sha, entry.getValue());
        }
        update(sha, pageStarts.toString());
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
            (byte) bytes.length});
        sha.update(bytes);
    }

    /** Shows the id, size and metadata keys, never the text: documents stay out of logs. */
    @Override
    public String toString() {
        return "Document[" + id + ", " + text.length() + " chars, " + pageStarts.size() + " pages, metadata="
                + metadata.keySet() + "]";
    }
}
