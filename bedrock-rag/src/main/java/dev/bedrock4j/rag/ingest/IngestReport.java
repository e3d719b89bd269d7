package dev.bedrock4j.rag.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What an ingestion run did, document by document.
 *
 * <pre>{@code
 * IngestReport report = ingestor.sync(documents);
 * System.out.println(report.summary());   // 3 added, 1 updated, 40 unchanged, 2 deleted, 0 failed; 57 chunks embedded in 1.9s
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param added ids of documents stored for the first time
 * @param updated ids of documents whose changed content replaced their chunks
 * @param unchanged ids of documents already stored with the same content, skipped
 * @param deleted ids of documents whose chunks were removed
 * @param failed documents that could not be stored
 * @param chunksEmbedded chunks embedded
 * @param inputTokens input tokens the embedding model reported
 * @param elapsed how long the run took
 */
public record IngestReport(List<String> added, List<String> updated, List<String> unchanged, List<String> deleted,
                           List<IngestFailure> failed, long chunksEmbedded, long inputTokens, Duration elapsed) {
    /**
     * Copies the lists.
     *
     * @param added added ids
     * @param updated updated ids
     * @param unchanged unchanged ids
     * @param deleted deleted ids
     * @param failed failures
     * @param chunksEmbedded chunks embedded
     * @param inputTokens input tokens
     * @param elapsed duration
     */
    public IngestReport {
        added = List.copyOf(added);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
        failed = List.copyOf(failed);
    }

    /**
     * Whether every document was stored.
     *
     * @return {@code true} when nothing failed
     */
    public boolean succeeded() {
        return failed.isEmpty();
    }

    /**
     * A one-line summary of the counts.
     *
     * @return the summary
     */
    public String summary() {
        return String.format(Locale.ROOT, "%d added, %d updated, %d unchanged, %d deleted, %d failed;"
                        + " %d chunks embedded in %.1fs", added.size(), updated.size(), unchanged.size(), deleted.size(),
                failed.size(), chunksEmbedded, elapsed.toMillis() / 1000.0);
    }
}
