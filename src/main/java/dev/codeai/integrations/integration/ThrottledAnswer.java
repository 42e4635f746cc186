package dev.codeai.integrations.integration;

/**
 * 408 or 429 for a call that is not retried (a non-idempotent call, or a Retry-After beyond its budget):
 * ends the call, and like {@link ThrottledFailure} is not a circuit-breaker failure.
 */
public class ThrottledAnswer extends NonRetryableFailure {

    private static final long serialVersionUID = 1L;

    public ThrottledAnswer(String message, UpstreamResponse response) {
        super(message, response);
    }
}
