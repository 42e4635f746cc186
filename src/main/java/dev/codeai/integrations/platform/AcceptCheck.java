package dev.codeai.integrations.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * 400 for an {@code Accept} header whose media ranges do not parse or whose {@code q} is not a number from 0 to 1
 * (RFC 9110 §12.4.2). The runtime parses {@code q} only while it matches the route, and its failure there was a 500.
 */
@Provider
@PreMatching
@Priority(2)
public class AcceptCheck implements ContainerRequestFilter {

    /** 400: the Accept header is malformed. */
    static final class MalformedAccept extends ApiProblem {
        private static final long serialVersionUID = 1L;

        MalformedAccept() {
            super(400, "Malformed header", "The Accept header is not a list of media ranges with q values from 0 to 1.");
        }

        @Override
        public List<FieldError> errors() {
            return List.of(new FieldError("Accept", "must be media ranges such as application/json;q=0.9"));
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> accepts = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accepts != null && !accepts.stream().allMatch(AcceptCheck::valid)) {
            throw new MalformedAccept();
        }
    }

    static boolean valid(String header) {
        for (String range : header.split(",")) {
            if (range.isBlank()) {
                continue;
            }
            try {
                String q = MediaType.valueOf(range.trim()).getParameters().get("q");
                if (q != null) {
                    double value = Double.parseDouble(q);
                    if (!(value >= 0 && value <= 1)) {
                        return false;
                    }
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }
}
