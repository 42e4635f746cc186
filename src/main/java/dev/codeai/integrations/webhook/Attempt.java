package dev.codeai.integrations.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * What one HTTP attempt of a delivery got: the status ({@code empty} on a transport error or timeout), the start
 * of the response body (at most 4 KB), its duration, an error text, and a {@code Retry-After} the receiver sent.
 */
record Attempt(Optional<Integer> status, String body, long durationMs, String error, Optional<Duration> retryAfter,
               String requestHeaders) {

    static final int MAX_BODY_CHARS = 4096;

    static Attempt failed(String error, long durationMs, String requestHeaders) {
        return new Attempt(Optional.empty(), null, durationMs, error, Optional.empty(), requestHeaders);
    }
}
