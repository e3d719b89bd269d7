package dev.bedrock4j.testkit.internal.server;

import dev.bedrock4j.testkit.Fault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The script of one model or agent: one-shot replies used first, in order, then a standing reply;
 * one-shot faults for the next calls, then a standing fault. Thread-safe: every method is synchronized.
 *
 * @param <R> the reply type
 */
public final class Script<R> {
    private final Deque<R> replies = new ArrayDeque<>();
    private final Deque<Countdown> faults = new ArrayDeque<>();
    private R standingReply;
    private Fault standingFault;

    private static final class Countdown {
        final Fault fault;
        int remaining;

        Countdown(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    /** Adds one-shot replies. */
    public synchronized void enqueue(R reply) {
        replies.add(Objects.requireNonNull(reply, "reply"));
    }

    /** Sets the reply used once the one-shot replies are used up. */
    public synchronized void reply(R reply) {
        standingReply = Objects.requireNonNull(reply, "reply");
    }

    /** Injects a fault into the next calls. */
    public synchronized void faultNext(int calls, Fault fault) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be >= 1, was " + calls);
        }
        faults.add(new Countdown(Objects.requireNonNull(fault, "fault"), calls));
    }

    /** Injects a fault into every call not covered by one-shot faults; {@code null} removes it. */
    public synchronized void fault(Fault fault) {
        standingFault = fault;
    }

    /** The next reply, or {@code null} when nothing is scripted. */
    public synchronized R nextReply() {
        R next = replies.poll();
        return next != null ? next : standingReply;
    }

    /** The fault for the next call, or {@code null}. */
    public synchronized Fault nextFault() {
        Countdown next = faults.peek();
        if (next == null) {
            return standingFault;
        }
        if (--next.remaining == 0) {
            faults.poll();
        }
        return next.fault;
    }

    /** Forgets every reply and fault. */
    public synchronized void reset() {
        replies.clear();
        faults.clear();
        standingReply = null;
        standingFault = null;
    }
}
