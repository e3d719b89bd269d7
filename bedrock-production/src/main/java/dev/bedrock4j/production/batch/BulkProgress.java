package dev.bedrock4j.production.batch;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a bulk run stands.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param succeeded items answered in this run
 * @param failed items sent to the dead-letter file in this run
 * @param skipped items already done by an earlier run
 * @param inFlight calls running now
 * @param concurrency the current concurrency limit, adapted to throttling
 * @param throttled items that failed throttled so far, after the model's own retries
 * @param itemsPerSecond the recent completion rate
 * @param total the number of items, or -1 when unknown
 * @param elapsed time since the run started
 */
public record BulkProgress(long succeeded, long failed, long skipped, int inFlight, int concurrency, long throttled,
                           double itemsPerSecond, long total, Duration elapsed) {

    /**
     * The estimated time left.
     *
     * @return the estimate, or empty when the total or the rate is unknown
     */
    public Optional<Duration> eta() {
        if (total < 0 || itemsPerSecond <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, total - succeeded - failed - skipped);
        return Optional.of(Duration.ofMillis((long) (left / itemsPerSecond * 1000)));
    }

    /**
     * A one-line summary, such as {@code 120/500 done, 2 failed, 14.2/s, ETA 27s}.
     *
     * @return the summary
     */
    public String line() {
        long done = succeeded + skipped;
        String of = total >= 0 ? done + "/" + total : String.valueOf(done);
        return of + " done, " + failed + " failed, " + String.format(java.util.Locale.ROOT, "%.1f/s", itemsPerSecond)
                + ", concurrency " + concurrency + eta().map(d -> ", ETA " + d.toSeconds() + "s").orElse("");
    }
}
