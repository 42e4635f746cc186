package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code N failures in D} is a sliding time window over failure times (DSL.md §5.4). */
class FailureWindowTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FailureWindow window = new FailureWindow(3, Duration.ofSeconds(60), now::get);

    @Test
    void opensOnTheNthFailureWithinTheWindow() {
        assertThat(window.recordFailure()).isFalse();
        advance(20);
        assertThat(window.recordFailure()).isFalse();
        advance(20);
        assertThat(window.recordFailure()).isTrue();
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotOpenIt() {
        window.recordFailure();
        advance(30);
        window.recordFailure();
        advance(30);
        assertThat(window.recordFailure()).as("the first failure is exactly 60 s old: outside the last 60 s").isFalse();
        advance(1);
        assertThat(window.recordFailure()).as("failures at 30 s, 60 s and 61 s").isTrue();
    }

    @Test
    void onlyTheLastNFailuresMatterAsTheWindowSlides() {
        for (int i = 0; i < 10; i++) {
            assertThat(window.recordFailure()).as("failure %d, 40 s after the previous one", i).isFalse();
            advance(40);
        }
        window.recordFailure();
        advance(1);
        assertThat(window.recordFailure()).as("three failures within 41 s").isTrue();
    }

    @Test
    void clearingForgetsEveryFailure() {
        window.recordFailure();
        window.recordFailure();
        window.clear();
        assertThat(window.recordFailure()).isFalse();
        assertThat(window.recordFailure()).isFalse();
        assertThat(window.recordFailure()).isTrue();
    }

    @Test
    void aSingleFailureThresholdOpensAtOnce() {
        FailureWindow one = new FailureWindow(1, Duration.ofSeconds(1), now::get);
        assertThat(one.recordFailure()).isTrue();
    }

    @Test
    void refusesAThresholdBelowOne() {
        assertThatThrownBy(() -> new FailureWindow(0, Duration.ofSeconds(1), now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one failure");
    }

    private void advance(long seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }
}
