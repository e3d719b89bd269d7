package dev.bedrock4j.testkit;

import dev.bedrock4j.testkit.internal.FakeScript;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;

/** What every fake SDK client shares: its script and its record of requests. */
abstract class FakeSdkClient {
    final FakeScript script;

    FakeSdkClient(String name) {
        this.script = new FakeScript(name);
    }

    /** Runs a call's answer into a future, as an async SDK client returns it. */
    static <T> CompletableFuture<T> future(Supplier<T> answer) {
        try {
            return CompletableFuture.completedFuture(answer.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Every request received, in order.
     *
     * @return an immutable snapshot
     */
    public List<SdkRequest> requests() {
        return script.requests();
    }

    /**
     * Whether {@code close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean closed() {
        return script.closed();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
