package dev.codeai.integrations.platform;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A failure that the API reports as RFC 9457 {@code application/problem+json}. Features throw small named
 * subclasses built from domain values; {@link ProblemMapper} is the one place that renders them.
 */
public abstract class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String title;

    protected ApiProblem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** {@code about:blank} unless a specific problem type applies. */
    public URI type() {
        return URI.create("about:blank");
    }

    /** Input problems, one per field. */
    public List<FieldError> errors() {
        return List.of();
    }

    /** Extra response headers, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** Extra members of the problem body. */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    /** One input problem: the parameter name or JSON Pointer, and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
