package dev.codeai.integrations.integration;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before each retry of a generated bean (DSL.md §5.4): the DSL's schedule, but never less than an
 * upstream's {@code Retry-After}. SmallRye makes one instance per call, so the retry count is the call's.
 * Generated beans extend {@link Exponential} or {@link Listed} with their values.
 */
public abstract class RetryWaits implements CustomBackoffStrategy {

    /** The cap of every scheduled wait (DSL.md §5.4). */
    public static final long MAX_WAIT_MILLIS = 30_000;

    private long initialDelay;
    private int retries;

    @Override
    public void init(long initialDelayInMillis) {
        initialDelay = initialDelayInMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        retries++;
        long scheduled = scheduled(retries, initialDelay);
        long asked = failure instanceof UpstreamFailure upstream ? upstream.retryAfter().map(Duration::toMillis).orElse(0L) : 0;
        return Math.max(scheduled, asked);
    }

    /** The wait before retry {@code k} (1-based); {@code initialDelay} is {@code @Retry(delay)}, possibly overridden. */
    protected abstract long scheduled(int k, long initialDelay);

    /** {@code initialDelay × factor^(k-1)}, capped at 30 s, then ± {@code jitter} of itself at random. */
    public abstract static class Exponential extends RetryWaits {
        private final double factor;
        private final double jitter;

        protected Exponential(double factor, double jitter) {
            this.factor = factor;
            this.jitter = jitter;
        }

        @Override
        protected long scheduled(int k, long initialDelay) {
            double planned = Math.min(MAX_WAIT_MILLIS, initialDelay * Math.pow(factor, k - 1));
            double spread = jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter);
            return Math.round(planned * (1 + spread));
        }
    }

    /** The waits as listed ({@code retry_delays}, linear backoff); the last repeats. */
    public abstract static class Listed extends RetryWaits {
        private final long[] waits;

        protected Listed(long... waits) {
            this.waits = waits.clone();
        }

        @Override
        protected long scheduled(int k, long initialDelay) {
            return waits[Math.min(k, waits.length) - 1];
        }
    }
}
