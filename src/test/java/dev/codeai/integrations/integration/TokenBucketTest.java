package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** DSL.md §5.4's bucket: capacity {@code requests}, continuous refill, waits within a bound, upstream pauses. */
class TokenBucketTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void spendsItsCapacityAtOnceThenRefillsContinuously() {
        TokenBucket bucket = new TokenBucket(2, Duration.ofSeconds(10), 0);

        assertThat(bucket.take(0, 0)).isZero();
        assertThat(bucket.take(0, 0)).isZero();
        assertThat(bucket.take(0, 0)).as("empty: one token takes 5 s").isEqualTo(-5 * SECOND);
        assertThat(bucket.take(0, 10 * SECOND)).as("waits 5 s for it").isEqualTo(5 * SECOND);
        assertThat(bucket.take(5 * SECOND, 0)).as("that token was already spent").isEqualTo(-5 * SECOND);
        assertThat(bucket.take(10 * SECOND, 0)).isZero();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(1, Duration.ofSeconds(1), 0);
        bucket.take(0, 0);

        assertThat(bucket.take(100 * SECOND, 0)).isZero();
        assertThat(bucket.take(100 * SECOND, 0)).isNegative();
    }

    @Test
    void anUpstreamPauseHoldsEveryCallUntilItEnds() {
        TokenBucket bucket = new TokenBucket(100, Duration.ofSeconds(1), 0);
        bucket.pauseUntil(30 * SECOND);

        assertThat(bucket.take(10 * SECOND, 5 * SECOND)).as("20 s left, 5 s allowed").isEqualTo(-20 * SECOND);
        assertThat(bucket.take(10 * SECOND, 60 * SECOND)).isEqualTo(20 * SECOND);
        assertThat(bucket.take(30 * SECOND, 0)).isZero();
    }
}
