package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The waits between retries: the DSL's schedule with relative jitter, never shorter than Retry-After. */
class RetryWaitsTest {

    private static final class Exponential extends RetryWaits.Exponential {
        Exponential() {
            super(2.0, 0.25);
        }
    }

    private static final class Listed extends RetryWaits.Listed {
        Listed() {
            super(60_000L, 300_000L);
        }
    }

    private static UpstreamFailure answered(int status, Map<String, List<String>> headers) {
        return UpstreamFailure.forStatus(new UpstreamResponse(status, headers, new byte[0]), true);
    }

    @Test
    void exponentialWaitsDoubleFromTheInitialDelayWithinAQuarterEitherWayAndStopAt30Seconds() {
        for (int run = 0; run < 200; run++) {
            RetryWaits waits = new Exponential();
            waits.init(100);
            assertThat(waits.nextDelayInMillis(null)).isBetween(75L, 125L);
            assertThat(waits.nextDelayInMillis(null)).isBetween(150L, 250L);
            assertThat(waits.nextDelayInMillis(null)).isBetween(300L, 500L);
            for (int k = 4; k < 20; k++) {
                waits.nextDelayInMillis(null);
            }
            assertThat(waits.nextDelayInMillis(null)).isBetween(22_500L, 37_500L);
        }
    }

    @Test
    void listedWaitsAreExactAndTheLastRepeats() {
        RetryWaits waits = new Listed();
        waits.init(0);

        assertThat(List.of(waits.nextDelayInMillis(null), waits.nextDelayInMillis(null), waits.nextDelayInMillis(null)))
                .containsExactly(60_000L, 300_000L, 300_000L);
    }

    @Test
    void retryAfterWinsWhenLongerThanTheSchedule() {
        RetryWaits waits = new Exponential();
        waits.init(100);

        assertThat(waits.nextDelayInMillis(answered(429, Map.of("Retry-After", List.of("3"))))).isEqualTo(3000);
        assertThat(waits.nextDelayInMillis(answered(503, Map.of("retry-after", List.of("0"))))).isBetween(150L, 250L);
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredAgainstTheResponsesDate() {
        Optional<Duration> wait = RetryAfter.parse("Wed, 02 Dec 2026 10:00:05 GMT",
                Optional.of("Wed, 02 Dec 2026 10:00:00 GMT"));

        assertThat(wait).contains(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse("Wed, 02 Dec 2026 10:00:05 GMT", Optional.empty())).isEmpty();
        assertThat(RetryAfter.parse("soon", Optional.empty())).isEmpty();
    }
}
