package dev.bedrock4j.production.internal.batch;

/**
 * A concurrency limit that adapts to throttling, additive-increase/multiplicative-decrease: each success
 * raises the limit by 1/limit (about one per round of calls), a throttle halves it. Decreases closer
 * together than a cool-down count once, since one burst of throttles reports one overload. Thread-safe.
 */
public final class AdaptiveLimiter {
    private static final long COOL_DOWN_NANOS = 200_000_000L;

    private final int max;
    private double limit;
    private int inFlight;
    private long lastDecrease;

    /** A limiter from {@code initial} up to {@code max} calls in flight. */
    public AdaptiveLimiter(int initial, int max) {
        if (initial < 1 || max < initial) {
            throw new IllegalArgumentException("need 1 <= initial <= max, was initial=" + initial + ", max=" + max);
        }
        this.limit = initial;
        this.max = max;
        this.lastDecrease = System.nanoTime() - COOL_DOWN_NANOS;
    }

    /** Waits for a slot. */
    public synchronized void acquire() throws InterruptedException {
        while (inFlight >= (int) limit) {
            wait();
        }
        inFlight++;
    }

    /** Returns a slot. */
    public synchronized void release() {
        inFlight--;
        notifyAll();
    }

    /** A call succeeded: allow a little more. */
    public synchronized void onSuccess() {
        limit = Math.min(max, limit + 1.0 / limit);
        notifyAll();
    }

    /** A call was throttled: back off. */
    public synchronized void onThrottle() {
        long now = System.nanoTime();
        if (now - lastDecrease >= COOL_DOWN_NANOS) {
            limit = Math.max(1.0, limit / 2);
            lastDecrease = now;
        }
    }

    /** The current limit. */
    public synchronized int limit() {
        return (int) limit;
    }

    /** Calls in flight now. */
    public synchronized int inFlight() {
        return inFlight;
    }
}
