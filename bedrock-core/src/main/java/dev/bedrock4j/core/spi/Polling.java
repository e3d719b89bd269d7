package dev.bedrock4j.core.spi;

import dev.bedrock4j.core.internal.ExceptionMapper;
import dev.bedrock4j.core.BedrockException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a long-running Bedrock job (customization, provisioning, batch inference, evaluation) until a
 * state is terminal or a deadline passes. Retryable failures of a poll (throttling, a passing outage)
 * are logged at DEBUG and polled again; others are thrown, mapped to the exception hierarchy.
 *
 * <pre>{@code
 * Polling.Outcome<GetModelInvocationJobResponse> outcome = Polling.until(
 *         () -> client.getModelInvocationJob(r -> r.jobIdentifier(jobArn)),
 *         job -> job.status() == ModelInvocationJobStatus.COMPLETED || job.status() == ModelInvocationJobStatus.FAILED,
 *         Duration.ofSeconds(30), Duration.ofHours(24), jobArn);
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class Polling {
    private static final Logger LOG = LoggerFactory.getLogger(Polling.class);

    private Polling() {
    }

    /**
     * What a poll saw last, and whether it finished in time.
     *
     * @param last the last status seen; {@code null} when every poll failed
     * @param finished whether {@code last} is terminal
     * @param <T> the status type
     */
    public record Outcome<T>(T last, boolean finished) {
    }

    /**
     * Polls until {@code done} holds or {@code timeout} passes.
     *
     * @param poll one status call
     * @param done whether a status is terminal
     * @param interval the wait between polls
     * @param timeout the longest wait in all
     * @param resource the job or resource, for errors
     * @param <T> the status type
     * @return the last status seen, and whether it was terminal
     * @throws BedrockException if a poll fails for good, or the thread is interrupted
     */
    public static <T> Outcome<T> until(Supplier<T> poll, Predicate<T> done, Duration interval, Duration timeout,
                                       String resource) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (true) {
            try {
                last = poll.get();
                if (done.test(last)) {
                    return new Outcome<>(last, true);
                }
            } catch (RuntimeException e) {
                BedrockException error = ExceptionMapper.map(e, null);
                if (!error.isRetryable()) {
                    throw error;
                }
                LOG.debug("polling {} failed ({}); polling again", resource, error.getClass().getSimpleName());
            }
            if (System.nanoTime() + interval.toNanos() > deadline) {
                return new Outcome<>(last, false);
            }
            try {
                Thread.sleep(interval.toMillis(), (int) (interval.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BedrockException("interrupted while waiting for " + resource + "; it goes on in Bedrock", e);
            }
        }
    }
}
