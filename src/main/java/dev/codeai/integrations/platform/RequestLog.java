package dev.codeai.integrations.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.logging.Logger;

/**
 * One structured log line per request, after the response status is known:
 * {@code method=GET path=/integrations/status status=200 duration_ms=4 subject=alice correlation_id=…}.
 * Runs first and last of all filters, so rejected and unmatched requests are logged too. Query strings
 * are left out because they may carry API keys.
 */
@Provider
@PreMatching
@Priority(1)
public class RequestLog implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger("dev.codeai.integrations.request");
    private static final String STARTED = RequestLog.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        RequestCorrelation.adopt(request);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String correlationId = RequestCorrelation.id(request::getProperty);
        response.getHeaders().putSingle(RequestCorrelation.HEADER, correlationId);
        Object started = request.getProperty(STARTED);
        long millis = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : -1;
        Principal user = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        String subject = user == null ? "-" : user.getName();
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        LOG.info(() -> "method=" + request.getMethod() + " path=" + path + " status=" + response.getStatus()
                + " duration_ms=" + millis + " subject=" + subject + " correlation_id=" + correlationId);
    }
}
