package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Accept headers whose q values the runtime would fail on while matching are refused up front. */
class AcceptCheckTest {

    @Test
    void acceptsMediaRangesWithQValuesFromZeroToOne() {
        assertThat(AcceptCheck.valid("application/json")).isTrue();
        assertThat(AcceptCheck.valid("text/plain, application/json;q=0.1, */*;q=0")).isTrue();
        assertThat(AcceptCheck.valid("application/json;q=1.0,")).isTrue();
    }

    @Test
    void refusesAQThatIsNotANumberFromZeroToOne() {
        assertThat(AcceptCheck.valid("*/*;q=abc")).isFalse();
        assertThat(AcceptCheck.valid("application/json;q=2")).isFalse();
        assertThat(AcceptCheck.valid("application/json;q=NaN")).isFalse();
        assertThat(AcceptCheck.valid("application/json;q=-0.5")).isFalse();
    }
}
