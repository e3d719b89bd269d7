package dev.bedrock4j.testkit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * The script and the record of a fake SDK client: scripted entries (responses, exceptions, streams)
 * used in order by whichever call comes next, responders for calls the script does not cover, and
 * every request received. Thread-safe: every method is synchronized.
 */
public final class FakeScript {
    private final String fakeName;
    private final Deque<Object> script = new ArrayDeque<>();
    private final List<SdkRequest> requests = new ArrayList<>();
    private boolean closed;

    /** A script for the named fake. */
    public FakeScript(String fakeName) {
        this.fakeName = fakeName;
    }

    /** Adds an entry. */
    public synchronized void enqueue(Object entry) {
        script.add(entry);
    }

    /** Adds an SDK response or an exception, rejecting anything else. */
    public void enqueueResponse(Object responseOrException) {
        if (!(responseOrException instanceof SdkResponse || responseOrException instanceof RuntimeException)) {
            throw new IllegalArgumentException("enqueue takes an SDK response or a RuntimeException, not "
                    + responseOrException);
        }
        enqueue(responseOrException);
    }

    /**
     * Records a request and returns the entry that answers it: the next scripted one if its type is one
     * of {@code accepted}, else the responder's answer. A scripted {@link RuntimeException} is thrown.
     *
     * @param request the request
     * @param responder answers when the script is empty; may be {@code null}
     * @param accepted the entry types this call can use
     * @param <Q> the request type
     * @return the entry
     * @throws IllegalStateException when closed, when the next entry has the wrong type, or when nothing answers
     */
    public synchronized <Q extends SdkRequest> Object next(Q request, Function<? super Q, ?> responder, Class<?>... accepted) {
        if (closed) {
            throw new IllegalStateException(fakeName + " is closed");
        }
        requests.add(request);
        Object next = script.poll();
        if (next == null) {
            if (responder == null) {
                throw new IllegalStateException("no scripted response for request #" + requests.size() + " ("
                        + request.getClass().getSimpleName() + "); enqueue one or set a responder");
            }
            return responder.apply(request);
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        for (Class<?> type : accepted) {
            if (type.isInstance(next)) {
                return next;
            }
        }
        throw new IllegalStateException("request #" + requests.size() + " is a " + request.getClass().getSimpleName()
                + " but the next scripted entry is a " + next.getClass().getSimpleName());
    }

    /**
     * Records a request the service refuses before answering from the script, and returns the error to
     * throw; the script is left as it is.
     *
     * @param request the request
     * @param error what the service answers
     * @return {@code error}
     * @throws IllegalStateException when closed
     */
    public synchronized RuntimeException reject(SdkRequest request, RuntimeException error) {
        if (closed) {
            throw new IllegalStateException(fakeName + " is closed");
        }
        requests.add(request);
        return error;
    }

    /** Every request, in order. */
    public synchronized List<SdkRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one type, in order. */
    public synchronized <T> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Marks the fake closed. */
    public synchronized void close() {
        closed = true;
    }

    /** Whether the fake was closed. */
    public synchronized boolean closed() {
        return closed;
    }
}
