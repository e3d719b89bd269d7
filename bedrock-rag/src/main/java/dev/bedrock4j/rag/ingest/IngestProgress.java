package dev.bedrock4j.rag.ingest;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an ingestion run stands.
 *
 * <pre>{@code
 * Ingestor.builder(model, store).onProgress(p -> log.info(p.line())).build();
 * // 120/400 documents, 0 failed, 2,310 chunks embedded, 85.4 chunks/s, ETA 41s
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param documentsDone documents finished in this run: stored, found unchanged, or failed
 * @param documentsTotal documents in this run
 * @param documentsFailed documents that failed in this run
 * @param chunksEmbedded chunks embedded in this run
 * @param elapsed time since the run started
 */
public record IngestProgress(int documentsDone, int documentsTotal, int documentsFailed, long chunksEmbedded,
                             Duration elapsed) {
    /**
     * The embedding rate since the run started.
     *
     * @return chunks per second; 0 before any time has passed
     */
    public double chunksPerSecond() {
        return rate(chunksEmbedded);
    }

    /**
     * The document rate since the run started.
     *
     * @return documents per second; 0 before any time has passed
     */
    public double documentsPerSecond() {
        return rate(documentsDone);
    }

    private double rate(long count) {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }

    /**
     * The estimated time left, from the document rate so far.
     *
     * @return the estimate, or empty before the first document is done
     */
    public Optional<Duration> eta() {
        double rate = documentsPerSecond();
        if (rate <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) ((documentsTotal - documentsDone) / rate * 1000)));
    }

    /**
     * A one-line summary, such as {@code 120/400 documents, 0 failed, 2,310 chunks embedded, 85.4 chunks/s, ETA 41s}.
     *
     * @return the summary
     */
    public String line() {
        return String.format(Locale.ROOT, "%d/%d documents, %d failed, %,d chunks embedded, %.1f chunks/s%s",
                documentsDone, documentsTotal, documentsFailed, chunksEmbedded, chunksPerSecond(),
                eta().map(d -> ", ETA " + d.toSeconds() + "s").orElse(""));
    }
}
