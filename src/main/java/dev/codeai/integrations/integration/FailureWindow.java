package dev.codeai.integrations.integration;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The failures of one {@code N failures in D} breaker (DSL.md §5.4): whether at least N failures happened
 * within the last D, a sliding time window that successes do not clear. Keeps the times of the last N
 * failures only. Thread-safe.
 */
final class FailureWindow {

    private final long[] times;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private int next;
    private int size;

    FailureWindow(int failures, Duration window, LongSupplier nanoTime) {
        if (failures < 1) {
            throw new IllegalArgumentException("a breaker needs at least one failure to open, got " + failures);
        }
        this.times = new long[failures];
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Records a failure now; true when it makes N failures within the last D. */
    synchronized boolean recordFailure() {
        long now = nanoTime.getAsLong();
        times[next] = now;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
        long oldest = times[size == times.length ? next : 0];
        return size == times.length && now - oldest < windowNanos;
    }

    /** Forgets every failure: the breaker closed again. */
    synchronized void clear() {
        size = 0;
        next = 0;
    }
}
