package dev.codeai.integrations.integration;

import java.time.Duration;

/**
 * The client-side quota of one integration (DSL.md §5.4 "Rate-limit rules"), in process: capacity
 * {@code requests}, refilled continuously at {@code requests / window}, fractional tokens; and a pause until
 * a given moment when the upstream said its quota is used up. Time is in nanoseconds of a monotonic clock.
 * Thread-safe.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long refilledAt;
    private long pausedUntil;

    TokenBucket(long requests, Duration window, long now) {
        this.capacity = requests;
        this.perNano = requests / (double) window.toNanos();
        this.tokens = requests;
        this.refilledAt = now;
        this.pausedUntil = now;
    }

    /**
     * Takes a token if one is available now or within {@code maxWaitNanos}: returns how long to wait before
     * sending (0 for at once), having taken it; or, when it would take longer, -(the wait) and takes nothing.
     */
    synchronized long take(long now, long maxWaitNanos) {
        refill(now);
        long pause = Math.max(0, pausedUntil - now);
        double missing = Math.max(0, 1 - tokens);
        long wait = Math.max(pause, (long) Math.ceil(missing / perNano));
        if (wait > maxWaitNanos) {
            return -Math.max(1, wait);
        }
        tokens -= 1;
        return wait;
    }

    /** The upstream reported its quota used up: nothing is sent before {@code until}. */
    synchronized void pauseUntil(long until) {
        pausedUntil = Math.max(pausedUntil, until);
    }

    private void refill(long now) {
        if (now > refilledAt) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
        }
    }
}
