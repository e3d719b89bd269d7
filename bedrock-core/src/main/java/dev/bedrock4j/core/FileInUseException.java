package dev.bedrock4j.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file or directory the library was asked to write is already being written by another writer: another
 * process (a second replica, a second cron job on the same volume), or another open instance in this
 * process. Nothing was written. The message names the file, the holder (its pid, host and since when) and
 * the fix: stop the other writer, or give this one its own file or directory.
 *
 * <p>Every writer of the library takes the same lock before it writes: a {@code PersistentVectorStore}, an
 * {@code IngestLedger}, a {@code BulkRunner}'s results and dead-letter files, and anything built on
 * {@link dev.bedrock4j.core.spi.JsonlLog}. The lock ends when its holder closes it or its process exits,
 * however it exits, so the same call succeeds once the other writer is gone. It is not retryable in the
 * sense of {@link #isRetryable()}: backing off for seconds does not make another process finish.
 *
 * <pre>{@code
 * try (JsonlLog log = JsonlLog.open(Path.of("results.jsonl"), "id")) {
 *     log.append(JsonSupport.object().put("id", "doc-7").put("text", "done"));
 * } catch (FileInUseException e) {
 *     System.err.println(e.file() + " is being written by " + e.holder());
 * }
 * }</pre>
 *
 * <p>Thread-safe, as {@link BedrockException}.
 *
 * @see dev.bedrock4j.core.spi.WriterLock
 */
public class FileInUseException extends BedrockException {
    private static final long serialVersionUID = 1L;

    /** The file or directory in use; not serialised, as {@code Path} is not serialisable. */
    private final transient Path file;
    /** Who holds it, as its lock records it. */
    private final String holder;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do, naming the file and the holder
     * @param file the file or directory that is in use
     * @param holder who holds it, such as {@code "pid 4242 on host build-7, since 2024-05-01T10:00:00Z"}
     */
    public FileInUseException(String message, Path file, String holder) {
        super(message);
        this.file = Objects.requireNonNull(file, "file");
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    /**
     * The file or directory that another writer holds.
     *
     * @return its path, as the caller gave it, made absolute
     */
    public Path file() {
        return file;
    }

    /**
     * Who holds the file, as its lock records it: the pid, host and time the holder took the lock, such as
     * {@code "pid 4242 on host build-7, since 2024-05-01T10:00:00Z"}, or {@code "another process"} when the
     * holder has not recorded itself yet.
     *
     * @return a description of the holder, for people
     */
    public String holder() {
        return holder;
    }
}
