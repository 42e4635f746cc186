package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallHistoryTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:30:40Z");

    @Test
    void keepsSixtyMinutesOldestFirstWithEmptyOnes() {
        CallHistory history = new CallHistory();
        history.record(NOW, Duration.ofMillis(40), false);
        history.record(NOW.minusSeconds(60), Duration.ofMillis(300), true);
        List<CallHistory.Minute> minutes = history.lastHour(NOW);
        assertThat(minutes).hasSize(60);
        assertThat(minutes.get(59).start()).isEqualTo(Instant.parse("2026-12-03T12:30:00Z"));
        assertThat(minutes.get(59).calls()).isEqualTo(1);
        assertThat(minutes.get(58).failures()).isEqualTo(1);
        assertThat(minutes.get(0).calls()).isZero();
        assertThat(minutes.get(0).p50()).isEmpty();
    }

    @Test
    void percentilesAreTheBucketBoundNeverAboveTheSlowestCall() {
        CallHistory history = new CallHistory();
        for (int i = 0; i < 99; i++) {
            history.record(NOW, Duration.ofMillis(15), false);
        }
        history.record(NOW, Duration.ofMillis(700), true);
        CallHistory.Minute minute = history.lastHour(NOW).get(59);
        assertThat(minute.p50()).isEqualTo(Optional.of(20L));
        assertThat(minute.p99()).isEqualTo(Optional.of(20L));
        history.record(NOW, Duration.ofMillis(700), true);
        assertThat(history.lastHour(NOW).get(59).p99()).isEqualTo(Optional.of(700L));
    }

    @Test
    void aMinuteAnHourLaterReplacesItsSlot() {
        CallHistory history = new CallHistory();
        history.record(NOW.minus(Duration.ofHours(1)), Duration.ofMillis(5), true);
        assertThat(history.lastHour(NOW).stream().mapToInt(CallHistory.Minute::calls).sum()).isZero();
        history.record(NOW, Duration.ofMillis(5), false);
        assertThat(history.lastHour(NOW).get(59).failures()).isZero();
        assertThat(history.lastHour(NOW).get(59).calls()).isEqualTo(1);
    }
}
