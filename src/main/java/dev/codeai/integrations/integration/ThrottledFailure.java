package dev.codeai.integrations.integration;

/** 408 or 429: retried, but not a circuit-breaker failure (DSL.md §5.4 failure definition). */
public class ThrottledFailure extends RetryableFailure {

    private static final long serialVersionUID = 1L;

    public ThrottledFailure(String message, UpstreamResponse response) {
        super(message, response);
    }
}
