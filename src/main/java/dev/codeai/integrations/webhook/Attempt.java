package dev.codeai.integrations.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * What one HTTP attempt of a delivery got: the status ({@code empty} on a transport error or timeout), the start
 * of the response body (at most 4 KB), its duration, an error text, and a {@code Retry-After} the receiver sent.
 * {@code unsendable}: the request could not be made from the delivery at all (a header value HTTP cannot carry), so
 * no attempt would ever succeed and the endpoint is not to blame.
 */
record Attempt(Optional<Integer> status, String body, long durationMs, String error, Optional<Duration> retryAfter,
               String requestHeaders, boolean unsendable) {

    static final int MAX_BODY_CHARS = 4096;

    static Attempt failed(String error, long durationMs, String requestHeaders) {
        return new Attempt(Optional.empty(), null, durationMs, error, Optional.empty(), requestHeaders, false);
    }

    static Attempt unsendable(String error, String requestHeaders) {
        return new Attempt(Optional.empty(), null, 0, error, Optional.empty(), requestHeaders, true);
    }
}
