package dev.codeai.integrations.integration;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the upstream answered to one attempt: status, headers and either the whole body or, for a successful
 * {@code returns: binary} answer, the body as a stream still to be read (then {@code body} is empty).
 */
public record UpstreamResponse(int status, Map<String, List<String>> headers, byte[] body, Optional<InputStream> stream) {

    private static final byte[] NONE = new byte[0];

    public UpstreamResponse(int status, Map<String, List<String>> headers, byte[] body) {
        this(status, headers, body, Optional.empty());
    }

    static UpstreamResponse streamed(int status, Map<String, List<String>> headers, InputStream stream) {
        return new UpstreamResponse(status, headers, NONE, Optional.of(stream));
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    public String contentType() {
        return header("Content-Type").orElse("application/octet-stream");
    }
}
