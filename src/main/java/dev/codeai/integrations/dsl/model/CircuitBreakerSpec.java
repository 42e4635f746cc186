package dev.codeai.integrations.dsl.model;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code circuit_breaker} (DSL.md §5.4): opens after {@code failures} failures, within {@code window} when
 * present, else in a row.
 */
public record CircuitBreakerSpec(int failures, Optional<Duration> window, Duration resetAfter, int halfOpenMaxCalls,
                                 boolean notifyOnOpen) {

    public static final int DEFAULT_FAILURES = 5;
    public static final Duration DEFAULT_RESET_AFTER = Duration.ofSeconds(60);

    public boolean consecutive() {
        return window.isEmpty();
    }
}
