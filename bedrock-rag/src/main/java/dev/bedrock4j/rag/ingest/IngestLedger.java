package dev.bedrock4j.rag.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.JsonlLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ledger of an {@link Ingestor}: for each document it ingested, the content hash and chunk count of the
 * version in the vector store, and of a version whose chunks were being written when a run stopped. It is
 * how re-ingesting skips unchanged documents, replaces changed ones and cleans up after a failed run.
 *
 * <pre>{@code
 * try (IngestLedger ledger = IngestLedger.open(Path.of("data/ledger.jsonl"))) {
 *     Ingestor ingestor = Ingestor.builder(model, store).ledger(ledger).build();
 *     ingestor.ingest(documents);
 *     ledger.contentHash("handbook.pdf");          // the hash of the stored version
 * }
 * }</pre>
 *
 * <p>Use an {@link #inMemory()} ledger with an in-memory store, and a file ledger with a persistent store,
 * one ledger per store. A file ledger is an append-only JSON Lines file: a line cut short by a crash is
 * dropped on opening, and the file is compacted on opening when most of its lines are outdated, atomically.
 *
 * <p>An open file ledger holds the file's {@link dev.bedrock4j.core.spi.WriterLock} until {@link #close()}: a
 * second ingestion on the same ledger, in another process or in this one, fails on opening with a
 * {@link dev.bedrock4j.core.FileInUseException} naming the file and the process that holds it, before it
 * touches the store, so two runs can never both record documents whose chunks only one of them wrote. The
 * lock ends when the holder closes the ledger or its process exits, however it exits.
 *
 * <p>Thread-safe; create one per vector store and share it. Process-safe: one process writes a ledger at a
 * time.
 */
public final class IngestLedger implements AutoCloseable {
    private static final String DOC = "doc";

    /** A version of a document: its content hash and how many chunks it has. */
    record Version(String hash, int chunks) {
    }

    private final Path file;
    private JsonlLog log;
    private final Map<String, Version> committed = new LinkedHashMap<>();
    private final Map<String, Version> pending = new LinkedHashMap<>();

    private IngestLedger(Path file) {
        this.file = file;
    }

    /**
     * A ledger that lives as long as the object, for in-memory stores and tests.
     *
     * @return an empty ledger
     */
    public static IngestLedger inMemory() {
        return new IngestLedger(null);
    }

    /**
     * Opens a ledger file, creating it if missing, and takes its lock until {@link #close()}.
     *
     * @param file the JSON Lines file, such as {@code ledger.jsonl} next to the store's files
     * @return the ledger with the file's state
     * @throws dev.bedrock4j.core.FileInUseException if another process, or another open ledger in this process,
     *         writes the file; let that ingestion finish (or stop it) first, or use another ledger and store
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static IngestLedger open(Path file) {
        IngestLedger ledger = new IngestLedger(Objects.requireNonNull(file, "file"));
        JsonlLog log = JsonlLog.open(file, DOC);
        int lines = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    ledger.replay(JsonSupport.parse(line));
                    lines++;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.close();
            throw new UncheckedIOException("cannot read ingestion ledger " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        ledger.log = log;
        if (lines > 2 * (ledger.committed.size() + ledger.pending.size()) + 100) {
            try {
                ledger.compact();
            } catch (RuntimeException e) {
                ledger.close(); // the caller never gets the ledger, so it must not keep the lock
                throw e;
            }
        }
        return ledger;
    }

    private void replay(JsonNode line) {
        String id = line.path(DOC).asText();
        Version version = new Version(line.path("hash").asText(), line.path("chunks").asInt());
        switch (line.path("state").asText()) {
            case "pending" -> pending.put(id, version);
            case "committed" -> {
                committed.put(id, version);
                pending.remove(id);
            }
            case "deleted" -> {
                committed.remove(id);
                pending.remove(id);
            }
            default -> throw new IllegalArgumentException("unknown state in line " + line);
        }
    }

    /** Rewrites the file with one line per document, replacing it atomically and keeping its lock. */
    private void compact() {
        List<ObjectNode> lines = new ArrayList<>();
        committed.forEach((id, v) -> lines.add(line("committed", id, v)));
        pending.forEach((id, v) -> lines.add(line("pending", id, v)));
        log.rewrite(lines);
    }

    private static ObjectNode line(String state, String id, Version version) {
        ObjectNode line = JsonSupport.object().put(DOC, id).put("state", state);
        if (version != null) {
            line.put("hash", version.hash()).put("chunks", version.chunks());
        }
        return line;
    }

    /**
     * The ids of the documents whose chunks are in the store.
     *
     * @return the ids, sorted
     */
    public synchronized Set<String> documentIds() {
        return new TreeSet<>(committed.keySet());
    }

    /**
     * The content hash of a document's stored version.
     *
     * @param documentId the document id
     * @return its {@link dev.bedrock4j.rag.document.Document#contentHash()}, or empty when it is not stored
     */
    public synchronized Optional<String> contentHash(String documentId) {
        return Optional.ofNullable(committed.get(documentId)).map(Version::hash);
    }

    /**
     * The ids of documents whose chunks a run was writing when it stopped; the next run that sees them
     * rewrites or removes those chunks.
     *
     * @return the ids, sorted
     */
    public synchronized Set<String> unfinishedDocumentIds() {
        return new TreeSet<>(pending.keySet());
    }

    /**
     * The file the ledger is kept in.
     *
     * @return the file, or empty for an in-memory ledger
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    synchronized Version committed(String documentId) {
        return committed.get(documentId);
    }

    synchronized Version pending(String documentId) {
        return pending.get(documentId);
    }

    synchronized void markPending(String documentId, Version version) {
        append(line("pending", documentId, version));
        pending.put(documentId, version);
    }

    synchronized void markCommitted(String documentId, Version version) {
        append(line("committed", documentId, version));
        committed.put(documentId, version);
        pending.remove(documentId);
    }

    synchronized void markDeleted(String documentId) {
        append(line("deleted", documentId, null));
        committed.remove(documentId);
        pending.remove(documentId);
    }

    /** Forces what was written to disk. */
    synchronized void sync() {
        if (log != null) {
            log.sync();
        }
    }

    private void append(ObjectNode line) {
        if (file != null) {
            if (log == null) {
                throw new IllegalStateException("ingestion ledger " + file + " is closed");
            }
            log.append(line);
        }
    }

    /** Forces the file to disk and closes it; an in-memory ledger stays usable. Calling it twice does nothing. */
    @Override
    public synchronized void close() {
        if (log != null) {
            log.close();
            log = null;
        }
    }

    @Override
    public synchronized String toString() {
        return "IngestLedger[" + (file == null ? "in memory" : file) + ", " + committed.size() + " documents"
                + (pending.isEmpty() ? "" : ", " + pending.size() + " unfinished") + "]";
    }
}
