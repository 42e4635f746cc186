package dev.codeai.integrations.integration;

/** A failed attempt that must not be retried: 501, or any failure of a call that is not safe to repeat. */
public class NonRetryableFailure extends UpstreamFailure {

    private static final long serialVersionUID = 1L;

    public NonRetryableFailure(String message, UpstreamResponse response) {
        super(message, response);
    }
}
