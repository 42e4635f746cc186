package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** DSL.md §5.6 "Attempt outcomes", "Waits" and "Delivery status", with a fixed schedule of 1 min, 5 min, 30 min. */
class RedeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final WebhookSettings SETTINGS = new WebhookSettings() {
        @Override
        Duration waitBefore(int k) {
            return List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30)).get(k - 1);
        }

        @Override
        Duration longestWait() {
            return Duration.ofMinutes(30);
        }

        @Override
        boolean succeeded(int status) {
            return DEFAULT_SUCCESS.contains(status);
        }
    };

    @Test
    void aSuccessCodeDelivers() {
        Redelivery.Decision decision = after(answer(204, null), 1, 4);

        assertThat(decision.status()).isEqualTo("delivered");
        assertThat(decision.success()).isTrue();
        assertThat(decision.nextAttempt()).isEmpty();
    }

    @Test
    void everyOtherAnswerIsRetriedAfterTheScheduledWaitWithinTenPercent() {
        for (int status : new int[] {301, 400, 404, 429, 500}) {
            Redelivery.Decision decision = after(answer(status, null), 2, 4);
            assertThat(decision.status()).as("HTTP %d", status).isEqualTo("retrying");
            assertThat(decision.nextAttempt()).hasValueSatisfying(at -> assertThat(Duration.between(NOW, at))
                    .isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330)));
        }
        Redelivery.Decision timeout = after(Attempt.failed("timed out", 30_000, "{}"), 1, 4);
        assertThat(timeout.status()).isEqualTo("retrying");
    }

    @Test
    void theJitterReallyVaries() {
        RandomGenerator low = fixed(0.0);
        RandomGenerator high = fixed(0.999);

        Instant early = Redelivery.after(answer(500, null), 1, 4, true, SETTINGS, NOW, low).nextAttempt().orElseThrow();
        Instant late = Redelivery.after(answer(500, null), 1, 4, true, SETTINGS, NOW, high).nextAttempt().orElseThrow();

        assertThat(Duration.between(NOW, early)).isEqualTo(Duration.ofSeconds(54));
        assertThat(Duration.between(NOW, late)).isBetween(Duration.ofSeconds(65), Duration.ofSeconds(66));
    }

    @Test
    void retryAfterOn429Or503IsClampedToTheScheduledAndTheLongestWait() {
        assertThat(wait(answer(429, Duration.ofSeconds(10)), 1)).as("below the 1st wait").isEqualTo(Duration.ofMinutes(1));
        assertThat(wait(answer(503, Duration.ofMinutes(12)), 1)).isEqualTo(Duration.ofMinutes(12));
        assertThat(wait(answer(503, Duration.ofHours(5)), 1)).as("above the longest").isEqualTo(Duration.ofMinutes(30));
        assertThat(wait(answer(500, Duration.ofMinutes(12)), 1)).as("only 429 and 503")
                .isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
    }

    @Test
    void goneFailsAtOnceAndDisablesTheEndpoint() {
        Redelivery.Decision decision = after(answer(410, null), 1, 4);

        assertThat(decision.status()).isEqualTo("failed");
        assertThat(decision.disableEndpoint()).isTrue();
    }

    @Test
    void aDeliveryNoRequestCanBeMadeFromFailsAtOnceAndLeavesTheEndpointActive() {
        Redelivery.Decision decision = after(Attempt.unsendable("not sent: header X has a control character", "{}"), 1, 4);

        assertThat(decision.status()).isEqualTo("failed");
        assertThat(decision.nextAttempt()).isEmpty();
        assertThat(decision.disableEndpoint()).isFalse();
    }

    @Test
    void aRecoveredDeliveryWaitsFromTheStartOfTheScheduleAgain() {
        // Three attempts before its recovery (schedule_start 3), then a schedule of four more (max 3 + 4).
        DeliveryStore.Claimed recovered = claimed(3, 3, 7);
        DeliveryStore.Claimed later = claimed(5, 3, 7);

        Instant first = Redelivery.after(answer(500, null), recovered, true, SETTINGS, NOW, fixed(0.5)).nextAttempt().orElseThrow();
        Instant third = Redelivery.after(answer(500, null), later, true, SETTINGS, NOW, fixed(0.5)).nextAttempt().orElseThrow();

        assertThat(Duration.between(NOW, first)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(NOW, third)).isEqualTo(Duration.ofMinutes(30));
        assertThat(Redelivery.after(answer(500, null), claimed(6, 3, 7), true, SETTINGS, NOW, fixed(0.5)).status())
                .as("the recovered schedule's last attempt").isEqualTo("failed");
    }

    @Test
    void theLastAttemptAndAManualOneEndTheDelivery() {
        assertThat(after(answer(500, null), 4, 4).status()).isEqualTo("failed");
        assertThat(Redelivery.after(answer(500, null), 2, 4, false, SETTINGS, NOW, fixed(0.5)).status()).isEqualTo("failed");
        assertThat(Redelivery.after(answer(200, null), 5, 4, false, SETTINGS, NOW, fixed(0.5)).status()).isEqualTo("delivered");
    }

    private static Duration wait(Attempt attempt, int attemptNumber) {
        return Duration.between(NOW, after(attempt, attemptNumber, 4).nextAttempt().orElseThrow());
    }

    private static Redelivery.Decision after(Attempt attempt, int attemptNumber, int maxAttempts) {
        return Redelivery.after(attempt, attemptNumber, maxAttempts, true, SETTINGS, NOW, fixed(0.5));
    }

    private static DeliveryStore.Claimed claimed(int attemptCount, int scheduleStart, int maxAttempts) {
        return new DeliveryStore.Claimed("d", "e", "t", "{}", attemptCount, maxAttempts, "http://x", "s", null, null, 30,
                true, null, scheduleStart, true);
    }

    private static Attempt answer(int status, Duration retryAfter) {
        return new Attempt(Optional.of(status), "", 5, null, Optional.ofNullable(retryAfter), "{}", false);
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
