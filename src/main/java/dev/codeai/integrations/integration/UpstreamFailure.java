package dev.codeai.integrations.integration;

import java.time.Duration;
import java.util.Optional;

/**
 * An attempt that failed: a transport error ({@code status} 0) or a failing HTTP status. Counted by the
 * circuit breaker (except {@link ThrottledFailure} and {@link ThrottledAnswer}). Carries no request details, so it cannot leak secrets.
 */
public abstract class UpstreamFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient UpstreamResponse response;
    private boolean timedOut;

    protected UpstreamFailure(String message, UpstreamResponse response) {
        super(message, null, false, false);
        this.response = response;
    }

    /** The upstream's answer, when there was one. */
    public Optional<UpstreamResponse> response() {
        return Optional.ofNullable(response);
    }

    /** The upstream's {@code Retry-After} in seconds or as an HTTP date, when it sent one. */
    public Optional<Duration> retryAfter() {
        return response().flatMap(RetryAfter::of);
    }

    /** Whether the attempt ran out of its timeout (a transport failure, {@code status} 0). */
    public boolean timedOut() {
        return timedOut;
    }

    UpstreamFailure markTimedOut() {
        timedOut = true;
        return this;
    }

    public int status() {
        return response == null ? 0 : response.status();
    }

    /** Classifies a failing status (DSL.md §5.4 "What is retried"), for calls that may be retried. */
    public static UpstreamFailure forStatus(UpstreamResponse response, boolean retryableCall) {
        int status = response.status();
        String message = "upstream answered " + status;
        if (status == 408 || status == 429) {
            return retryableCall ? new ThrottledFailure(message, response) : new ThrottledAnswer(message, response);
        }
        boolean retryableStatus = status >= 500 && status != 501;
        return retryableStatus && retryableCall ? new RetryableFailure(message, response)
                : new NonRetryableFailure(message, response);
    }
}
