package dev.codeai.integrations.dsl.model;

import java.time.Duration;
import java.util.List;

/**
 * {@code retry} and {@code retry_delays} (DSL.md §5.4): at most {@code maxRetries} retries after the first
 * attempt. With explicit {@code delays} (already padded or cut to {@code maxRetries}) they are the waits;
 * otherwise the strategy's.
 */
public record RetryPolicy(int maxRetries, Strategy strategy, List<Duration> delays) {

    public static final RetryPolicy NONE = new RetryPolicy(0, Strategy.EXPONENTIAL, List.of());
    public static final Duration BASE = Duration.ofMillis(100);
    public static final Duration CAP = Duration.ofSeconds(30);

    public enum Strategy { EXPONENTIAL, LINEAR, FIXED }

    public boolean explicitDelays() {
        return !delays.isEmpty();
    }

    /** The wait before retry {@code k} (1-based), before jitter. */
    public Duration waitBefore(int k) {
        if (explicitDelays()) {
            return delays.get(Math.min(k, delays.size()) - 1);
        }
        long millis = switch (strategy) {
            case EXPONENTIAL -> k >= 20 ? CAP.toMillis() : BASE.toMillis() << (k - 1);
            case LINEAR -> BASE.toMillis() * k;
            case FIXED -> BASE.toMillis();
        };
        return Duration.ofMillis(Math.min(CAP.toMillis(), millis));
    }
}
