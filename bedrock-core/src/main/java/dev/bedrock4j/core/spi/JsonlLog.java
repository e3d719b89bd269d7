package dev.bedrock4j.core.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An append-only JSONL file that doubles as a checkpoint: each line is written whole with one write
 * call and reaches the operating system before {@link #append(JsonNode)} returns, so a killed process
 * loses at most the line being written. Opening it drops such a torn last line and reads back the ids
 * already present. {@link #sync()} forces the data to disk. The bulk runner's results and the RAG
 * ingestion ledger are such logs.
 *
 * <pre>{@code
 * try (JsonlLog log = JsonlLog.open(Path.of("results.jsonl"), "id")) {
 *     if (!log.idsAtOpen().contains("doc-7")) {
 *         log.append(JsonSupport.object().put("id", "doc-7").put("text", "done"));
 *     }
 * }
 * }</pre>
 *
 * <h2>One writer</h2>
 * <p>An open log holds the file's {@link WriterLock}: a second open of the same file, in another process or in
 * this one, fails with a {@link dev.bedrock4j.core.FileInUseException} naming the file and the process holding
 * it, so two writers can never interleave their lines or resume from each other's half-written state. The lock
 * is released by {@link #close()}, and by the operating system when the process exits, however it exits.
 *
 * <p>Thread-safe: appends from many threads are serialised, each line whole. Process-safe: one process writes
 * a log at a time.
 */
public final class JsonlLog implements AutoCloseable {
    private final Path path;
    private final WriterLock lock;
    private final Set<String> ids;
    private FileChannel channel;

    private JsonlLog(Path path, WriterLock lock, FileChannel channel, Set<String> ids) {
        this.path = path;
        this.lock = lock;
        this.channel = channel;
        this.ids = ids;
    }

    /**
     * Opens (creating if needed, with its directories) a log for writing, taking its {@link WriterLock},
     * repairing a torn last line and reading the ids present.
     *
     * @param path the file
     * @param idField the member of each line that holds its id
     * @return the open log, positioned at its end
     * @throws dev.bedrock4j.core.FileInUseException if another process, or another open log in this process,
     *         is writing the file; stop that writer or use another file
     * @throws UncheckedIOException if the file cannot be opened, or a complete line is not JSON (the message
     *         names the file and the line)
     */
    public static JsonlLog open(Path path, String idField) {
        WriterLock lock = WriterLock.acquire(path);
        FileChannel channel = null;
        try {
            AtomicFile.deleteLeftovers(path);
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            byte[] content = Files.readAllBytes(path);
            int end = content.length;
            while (end > 0 && content[end - 1] != '\n') {
                end--; // a line without its newline was cut short by a kill: drop it
            }
            if (end != content.length) {
                channel.truncate(end);
            }
            Set<String> ids = new HashSet<>();
            int start = 0;
            long lineNumber = 0;
            for (int i = 0; i < end; i++) {
                if (content[i] == '\n') {
                    lineNumber++;
                    if (i > start) {
                        JsonNode line;
                        try {
                            line = JsonSupport.parse(new String(content, start, i - start, StandardCharsets.UTF_8));
                        } catch (UncheckedIOException e) {
                            String problem = e.getCause() instanceof JsonProcessingException json
                                    ? json.getOriginalMessage() : e.getMessage();
                            throw new UncheckedIOException(path + " line " + lineNumber + " is not valid JSON ("
                                    + problem + "); the file was damaged or edited: repair or delete that line"
                                    + " (an entry deleted from a checkpoint is done again)", e.getCause());
                        }
                        ids.add(line.path(idField).asText());
                    }
                    start = i + 1;
                }
            }
            channel.position(end);
            return new JsonlLog(path, lock, channel, ids);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            lock.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open " + path + ": " + e.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * The ids present when the log was opened.
     *
     * @return the ids, a copy
     */
    public Set<String> idsAtOpen() {
        return Set.copyOf(ids);
    }

    /**
     * Appends one line; it has reached the operating system when this returns.
     *
     * @param line the JSON value of the line
     * @throws UncheckedIOException if the write fails
     */
    public synchronized void append(JsonNode line) {
        byte[] json = JsonSupport.bytes(line);
        ByteBuffer buffer = ByteBuffer.allocate(json.length + 1);
        buffer.put(json).put((byte) '\n').flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the whole log with the given lines, atomically: a crash at any instant leaves the old lines or
     * the new ones, and the log stays locked throughout. Appends go on after the new lines. Use it to compact a
     * log whose lines mostly repeat; {@link #idsAtOpen()} does not change.
     *
     * @param lines the new content, one JSON value per line
     * @throws UncheckedIOException if writing fails; the log then holds its old lines, or, if only reopening
     *         the new file failed, refuses further appends
     */
    public synchronized void rewrite(List<? extends JsonNode> lines) {
        List<byte[]> encoded = lines.stream().map(JsonSupport::bytes).toList();
        try {
            AtomicFile.write(path, out -> {
                for (byte[] line : encoded) {
                    out.write(line);
                    out.write('\n');
                }
            });
            channel.close();
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forces what was written to disk.
     *
     * @throws UncheckedIOException if the sync fails
     */
    public synchronized void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file.
     *
     * @return the path given to {@link #open(Path, String)}
     */
    public Path path() {
        return path;
    }

    /**
     * Forces what was written to disk, closes the file and releases its lock. Calling it again does nothing.
     *
     * @throws UncheckedIOException if forcing or closing fails; the lock is released all the same
     */
    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                channel.force(false);
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
        } finally {
            lock.close();
        }
    }
}
