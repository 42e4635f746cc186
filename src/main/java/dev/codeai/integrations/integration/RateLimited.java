package dev.codeai.integrations.integration;

/**
 * No rate-limit token within the call's budget (DSL.md §5.4): the call ends with 429 and {@code Retry-After};
 * like {@link ThrottledAnswer} it is not retried and not a circuit-breaker failure.
 */
public class RateLimited extends ThrottledAnswer {

    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    RateLimited(long retryAfterSeconds) {
        super("the integration's rate limit has no token within the call's budget", null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
