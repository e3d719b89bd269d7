package dev.bedrock4j.core.internal.stream;

import dev.bedrock4j.core.ClientClosedException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The streams running on the SDK clients of one {@code Bedrock} instance. Closing the instance closes this
 * first: every stream still running fails with {@link ClientClosedException}, and a stream that starts later
 * fails at once, before the SDK's own reaction to its client closing (which can look like a normal end of the
 * stream) reaches the subscriber. Thread-safe.
 */
public final class OpenStreams {
    /** A running stream, told once when its instance closes underneath it. */
    public interface Member {
        /** Ends the stream with {@link OpenStreams#failure(String)} for its model. */
        void closed();
    }

    private final Set<Member> open = new LinkedHashSet<>();
    private boolean closed;

    /**
     * Registers a starting stream.
     *
     * @param member the stream
     * @return {@code false} if the instance is already closed; the stream must not start
     */
    public synchronized boolean add(Member member) {
        if (closed) {
            return false;
        }
        open.add(member);
        return true;
    }

    /**
     * Forgets a stream that has ended.
     *
     * @param member the stream
     */
    public synchronized void remove(Member member) {
        open.remove(member);
    }

    /**
     * Whether the instance was closed.
     *
     * @return {@code true} after {@link #close()}
     */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Fails every running stream and refuses new ones. Calling it again does nothing. */
    public void close() {
        List<Member> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(open);
            open.clear();
        }
        for (Member member : running) {
            member.closed();
        }
    }

    /**
     * The exception for a call or stream of a closed instance.
     *
     * @param modelId the model addressed, or {@code null}
     * @return the exception
     */
    public static ClientClosedException failure(String modelId) {
        String message = "the Bedrock instance was closed while this call was running or before it started;"
                + " close Bedrock only after its streams have completed or been cancelled, or create a new instance";
        return new ClientClosedException(modelId == null ? message : message + " [model " + modelId + "]", modelId);
    }
}
