package dev.bedrock4j.rag.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A store file failed its integrity checks (wrong magic number, impossible sizes, or a checksum that does
 * not match its content). Nothing of it was loaded. Restore the directory from a backup, or delete the
 * file to start empty.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CorruptedStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the damaged file
     * @param problem what is wrong with it
     */
    public CorruptedStoreException(Path file, String problem) {
        super("vector store file " + file + " is corrupted: " + problem
                + "; nothing was loaded. Restore it from a backup or delete it to start empty");
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * The damaged file.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }
}
