package dev.codeai.integrations.integration;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the upstream answered to one attempt: status, headers and the whole body. */
public record UpstreamResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    public String contentType() {
        return header("Content-Type").orElse("application/octet-stream");
    }
}
