package dev.bedrock4j.rag.document;

/**
 * A document could not be loaded: it is unreadable, damaged, of an unknown format, or refused by the
 * loader's settings. The message names the document and says what to do.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class DocumentLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the document
     */
    public DocumentLoadException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, naming the document
     * @param cause the underlying failure
     */
    public DocumentLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
