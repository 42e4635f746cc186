package dev.codeai.integrations.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 413 for a request body over {@code codeai.http.max-request-bytes} (default 1 MiB): at once when
 * {@code Content-Length} says so, otherwise as soon as a streamed body passes the limit.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestSizeLimit implements ContainerRequestFilter {

    /** POST /integrations/{name}/operations/{operation}, whose resource applies the limits itself. */
    private static final Pattern INVOKE = Pattern.compile("/?integrations/[^/]+/operations/[^/]+/?");

    @Inject
    @ConfigProperty(name = "codeai.http.max-request-bytes", defaultValue = "1048576")
    long limit;

    /** Request property: the limit a body passed (a Long); body readers may wrap the 413 problem. */
    static final String EXCEEDED = RequestSizeLimit.class.getName() + ".exceeded";

    /** 413 Content Too Large (RFC 9110). */
    public static final class ContentTooLarge extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public ContentTooLarge(long limit) {
            super(413, "Content Too Large", "The request body is larger than the limit of " + limit + " bytes.");
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (INVOKE.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declared.trim().matches("\\d{1,18}") && Long.parseLong(declared.trim()) > limit) {
            request.setProperty(EXCEEDED, limit);
            throw new ContentTooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), limit, () -> request.setProperty(EXCEEDED, limit)));
        }
    }

    /**
     * {@code in}, failing with 413 once more than {@code limit} bytes are read. The invoke route bounds its
     * body itself: JSON arguments by {@code codeai.http.max-request-bytes}, binary uploads by their own limit.
     */
    public static InputStream bounded(InputStream in, long limit) {
        return new Limited(in, limit, () -> { });
    }

    public long limit() {
        return limit;
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final Runnable onExceeded;
        private long count;

        Limited(InputStream in, long limit, Runnable onExceeded) {
            super(in);
            this.limit = limit;
            this.onExceeded = onExceeded;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                onExceeded.run();
                throw new ContentTooLarge(limit);
            }
        }
    }
}
