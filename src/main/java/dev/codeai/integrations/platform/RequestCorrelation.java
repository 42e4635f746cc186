package dev.codeai.integrations.platform;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of the current request: the caller's {@code X-Request-Id} when it is a plain token,
 * otherwise a new UUID. It is echoed in the response, written in the request log line and quoted by 500
 * problems, so a caller's report leads to the log.
 */
@RequestScoped
public class RequestCorrelation {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private String id;

    void adopt(String callerId) {
        id = callerId != null && SAFE.matcher(callerId).matches() ? callerId : UUID.randomUUID().toString();
    }

    public String id() {
        if (id == null) {
            adopt(null);
        }
        return id;
    }
}
