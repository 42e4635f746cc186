package dev.codeai.integrations.integration;

/**
 * The call's budget (the caller's deadline) ran out before another attempt could start: the call ends as a
 * timeout, and since no request was sent this is not a circuit-breaker failure.
 */
public class OutOfBudget extends NonRetryableFailure {

    private static final long serialVersionUID = 1L;

    OutOfBudget(long timeoutMillis) {
        super("the call's deadline passed before another attempt could start (timeout " + timeoutMillis + " ms)", null);
        markTimedOut();
    }
}
