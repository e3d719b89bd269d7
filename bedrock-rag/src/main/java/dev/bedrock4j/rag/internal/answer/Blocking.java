package dev.bedrock4j.rag.internal.answer;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.internal.ExceptionMapper;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for a future and rethrows its failure as a {@link BedrockException}. Thread-safe. */
public final class Blocking {
    private Blocking() {
    }

    /** The future's value; an interrupted wait cancels the future. */
    public static <T> T join(CompletableFuture<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw ExceptionMapper.map(e.getCause(), null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BedrockException("interrupted while waiting for " + what, e);
        }
    }
}
