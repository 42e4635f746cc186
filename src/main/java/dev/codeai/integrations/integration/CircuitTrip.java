package dev.codeai.integrations.integration;

/**
 * The failed attempt that opens a breaker with a time-window threshold ({@link FailureWindows}), or any
 * failed probe while it is half-open: the only exception such a breaker's {@code @CircuitBreaker} counts.
 * Carries the attempt's own failure. Retries stop here: the breaker is now open.
 */
public class CircuitTrip extends UpstreamFailure {

    private static final long serialVersionUID = 1L;
    private final UpstreamFailure failure;

    CircuitTrip(UpstreamFailure failure) {
        super(failure.getMessage(), failure.response().orElse(null));
        this.failure = failure;
        if (failure.timedOut()) {
            markTimedOut();
        }
    }

    /** The attempt's failure that opened the breaker. */
    public UpstreamFailure failure() {
        return failure;
    }
}
