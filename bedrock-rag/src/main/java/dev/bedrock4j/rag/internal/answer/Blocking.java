package dev.bedrock4j.rag.internal.answer;

import dev.bedrock4j.core.BedrockException;
import java.util.concurrent.CompletableFuture;
import dev.bedrock4j.core.ModelTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future and rethrows its failure as a {@link BedrockException}. Thread-safe. */
public final class Blocking {
    private Blocking() {
    }

    /** The future's value; an interrupted wait cancels the future. */
    public static <T> T join(CompletableFuture<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw BedrockException.from(e.getCause(), null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BedrockException("interrupted while waiting for " + what, e);
        }
    }

    /**
     * The future's value, waiting at most a timeout; a wait that times out or is interrupted cancels the future.
     *
     * @throws ModelTimeoutException if the timeout passes first
     */
    public static <T> T join(CompletableFuture<T> future, String what, Duration timeout) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ModelTimeoutException(what + " did not finish within " + timeout.toSeconds() + " s (raise the"
                    + " timeout if long answers are expected)", e, null, null, 0);
        } catch (ExecutionException e) {
            throw BedrockException.from(e.getCause(), null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BedrockException("interrupted while waiting for " + what, e);
        }
    }
}
