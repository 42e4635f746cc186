package dev.codeai.integrations.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The correlation id of a request: the caller's {@code X-Request-Id} when it is a plain token, otherwise a new
 * UUID. It is echoed in the response, written in the request log line and quoted by 500 problems, so a caller's
 * report leads to the log. Kept as a request property (a servlet request attribute), not in a CDI request
 * scope, so it is still there when an asynchronous response (a batched call) completes on another thread.
 */
public final class RequestCorrelation {

    public static final String HEADER = "X-Request-Id";
    static final String PROPERTY = RequestCorrelation.class.getName() + ".id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestCorrelation() {
    }

    /** Gives the request its id, from its header when usable. */
    static void adopt(ContainerRequestContext request) {
        String callerId = request.getHeaderString(HEADER);
        request.setProperty(PROPERTY, callerId != null && SAFE.matcher(callerId).matches() ? callerId
                : Ids.next());
    }

    /** The request's id, read from its properties or attributes; a new one if it has none yet. */
    static String id(Function<String, Object> properties) {
        return properties.apply(PROPERTY) instanceof String id ? id : Ids.next();
    }
}
