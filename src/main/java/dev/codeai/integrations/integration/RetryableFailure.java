package dev.codeai.integrations.integration;

/** A failed attempt that the {@code @Retry} of the bean retries: transport errors, 5xx except 501. */
public class RetryableFailure extends UpstreamFailure {

    private static final long serialVersionUID = 1L;

    public RetryableFailure(String message, UpstreamResponse response) {
        super(message, response);
    }
}
