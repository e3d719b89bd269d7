package dev.bedrock4j.rag.document;

import java.util.Locale;
import java.util.Optional;

/**
 * The formats {@link DocumentLoader} reads, and the file extensions that select them.
 *
 * <pre>{@code
 * DocumentFormat.forFileName("handbook.PDF");   // Optional[PDF]
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum DocumentFormat {
    /** Plain text ({@code .txt}, {@code .text}), kept as it is. */
    TEXT("txt", "text"),
    /** Markdown ({@code .md}, {@code .markdown}), kept as written; the first level-one heading is the title. */
    MARKDOWN("md", "markdown"),
    /** HTML ({@code .html}, {@code .htm}): the visible text, with block elements as paragraphs. */
    HTML("html", "htm"),
    /** PDF ({@code .pdf}): the text of each page, in reading order. */
    PDF("pdf");

    private final String[] extensions;

    DocumentFormat(String... extensions) {
        this.extensions = extensions;
    }

    /**
     * The format a file name's extension selects.
     *
     * @param fileName a file name or path, such as {@code docs/guide.md}
     * @return the format, or empty for an unknown extension
     */
    public static Optional<DocumentFormat> forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot < fileName.lastIndexOf('/')) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (DocumentFormat format : values()) {
            for (String candidate : format.extensions) {
                if (candidate.equals(extension)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }
}
