package dev.bedrock4j.production.batch;

import dev.bedrock4j.core.chat.Usage;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The outcome of a bulk run.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param succeeded items answered in this run
 * @param failed items sent to the dead-letter file in this run
 * @param skipped items already done by an earlier run
 * @param throttled items that failed throttled, after the model's own retries
 * @param elapsed the run's duration
 * @param usage tokens used in this run
 * @param cost the estimated cost of this run, in US dollars
 */
public record BulkReport(long succeeded, long failed, long skipped, long throttled, Duration elapsed, Usage usage,
                         BigDecimal cost) {
}
