package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Error rate and latency percentiles over the recent window, driven by explicit instants. */
class CallStatsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void reportsNoLatencyAndNoErrorsBeforeTheFirstCall() {
        CallStats.Snapshot s = new CallStats().snapshot(T0);

        assertThat(s.calls()).isZero();
        assertThat(s.errorRate()).isZero();
        assertThat(s.p50()).isEmpty();
        assertThat(s.lastError()).isEmpty();
    }

    @Test
    void computesErrorRateAndNearestRankPercentiles() {
        CallStats stats = new CallStats();
        for (int i = 1; i <= 99; i++) {
            stats.success(T0, Duration.ofMillis(i));
        }
        stats.failure(T0, Duration.ofMillis(1000), "upstream answered 503");

        CallStats.Snapshot s = stats.snapshot(T0);

        assertThat(s.errorRate()).isEqualTo(0.01);
        assertThat(s.p50()).contains(50L);
        assertThat(s.p99()).contains(99L);
        assertThat(s.lastError()).contains("upstream answered 503");
        assertThat(s.lastFailure()).contains(T0);
    }

    @Test
    void forgetsCallsOlderThanTheWindowButKeepsTheLastError() {
        CallStats stats = new CallStats();
        stats.failure(T0, Duration.ofMillis(5), "timed out");

        CallStats.Snapshot later = stats.snapshot(T0.plus(CallStats.WINDOW).plusSeconds(1));

        assertThat(later.calls()).isZero();
        assertThat(later.errorRate()).isZero();
        assertThat(later.lastError()).contains("timed out");
    }
}
