package dev.codeai.integrations.integration;

import dev.codeai.integrations.platform.ApiProblem;
import jakarta.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The problems of calling and managing integrations, each rendered as problem+json. */
public final class IntegrationProblems {

    private IntegrationProblems() {
    }

    public static final class UnknownIntegration extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public UnknownIntegration(String name) {
            super(404, "Unknown integration", "No integration named '" + name + "' is declared in integrations.cai.");
        }
    }

    public static final class UnknownOperation extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public UnknownOperation(String integration, String operation) {
            super(404, "Unknown operation", "Integration " + integration + " has no operation '" + operation + "'.");
        }
    }

    public static final class Unconfigured extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public Unconfigured(String integration, String reason) {
            super(503, "Integration unconfigured", "Integration " + integration + " is unconfigured: " + reason + ".");
        }
    }

    /** 405: the operation exists but is not called through this route (the webhook engine's {@code deliver}). */
    public static final class NotInvocable extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public NotInvocable(String detail) {
            super(405, "Method Not Allowed", detail);
        }
    }

    public static final class NotSupported extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public NotSupported(String detail) {
            super(501, "Not Implemented", detail);
        }
    }

    public static final class InvalidArguments extends ApiProblem {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldError> errors;

        public InvalidArguments(String operation, List<FieldError> errors) {
            super(400, "Invalid arguments", "The arguments of operation " + operation + " are invalid ("
                    + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + ").");
            this.errors = List.copyOf(errors);
        }

        @Override
        public List<FieldError> errors() {
            return errors;
        }
    }

    /** 413 for a binary upload over {@code codeai.http.max-upload-bytes}. */
    public static final class UploadTooLarge extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public UploadTooLarge(long limit) {
            super(413, "Content Too Large", "The upload is larger than the limit of " + limit + " bytes.");
        }
    }

    /** 415 for a raw body sent to an operation that takes JSON arguments. */
    public static final class NotBinary extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public NotBinary(String integration, String operation, String contentType) {
            super(415, "Unsupported Media Type", "Operation " + integration + "." + operation
                    + " takes a JSON object of arguments (Content-Type: application/json), not " + contentType + ".");
        }
    }

    /** 503: the shared cache (Redis) cannot be reached for a management operation. */
    public static final class CacheUnavailable extends ApiProblem {
        private static final long serialVersionUID = 1L;

        public CacheUnavailable() {
            super(503, "Cache unavailable", "The response cache (Redis) cannot be reached; try again later.");
        }
    }

    /** 429: the integration's own rate limit had no token within the call's budget; no request was sent. */
    public static final class RateLimited extends ApiProblem {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;
        private final int attempts;
        private final String circuitState;

        public RateLimited(String integration, long retryAfterSeconds, int attempts, String circuitState) {
            super(429, "Rate limited", "The rate limit of " + integration + " has no request left within this call's"
                    + " budget; try again in " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
            this.attempts = attempts;
            this.circuitState = circuitState;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", String.valueOf(retryAfterSeconds),
                    "X-Integration-Attempts", String.valueOf(attempts), "X-Circuit-State", circuitState);
        }
    }

    public static final class CircuitOpen extends ApiProblem {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;
        private final int attempts;

        /** {@code attempts}: 0 when the call was refused at once, else the attempts made before it opened. */
        public CircuitOpen(String integration, long retryAfterSeconds, int attempts) {
            super(503, "Circuit open", attempts == 0
                    ? "The circuit breaker of " + integration + " is open; no request was sent upstream."
                    : "The circuit breaker of " + integration + " opened during this call after " + attempts
                    + " attempt" + (attempts == 1 ? "" : "s") + "; its remaining retries were abandoned.");
            this.retryAfterSeconds = retryAfterSeconds;
            this.attempts = attempts;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", String.valueOf(retryAfterSeconds),
                    "X-Integration-Attempts", String.valueOf(attempts), "X-Circuit-State", "open");
        }
    }

    /**
     * 503: the integration's bulkhead is full, its queue included, or the call waited in its queue for its whole
     * budget; no request was sent, nothing was retried and its breaker saw nothing. Slots free as soon as calls in
     * flight end, so the caller may try again in a second.
     */
    public static final class BulkheadFull extends ApiProblem {
        private static final long serialVersionUID = 1L;

        /** The bulkhead and its queue were full when the call came. */
        public static BulkheadFull full(String integration, int concurrency, int queue) {
            return new BulkheadFull("Integration " + integration + " already has " + calls(concurrency)
                    + " in flight and " + queue + " waiting, its limits; no request was sent upstream.");
        }

        /** The call waited {@code waitedMillis} in the queue, all its budget allowed, and was then given up. */
        public static BulkheadFull waitedOut(String integration, int concurrency, long waitedMillis) {
            return new BulkheadFull("Integration " + integration + "'s " + calls(concurrency) + " in flight did not"
                    + " end while this call waited " + waitedMillis + " ms in its bulkhead's queue, all of the call's"
                    + " budget; no request was sent upstream.");
        }

        private BulkheadFull(String detail) {
            super(503, "Bulkhead full", detail);
        }

        private static String calls(int n) {
            return n + " call" + (n == 1 ? "" : "s");
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "1", "X-Integration-Attempts", "0");
        }
    }

    public static final class UpstreamTimeout extends ApiProblem {
        private static final long serialVersionUID = 1L;
        private final int attempts;
        private final transient Optional<String> circuitState;

        /**
         * {@code limit}: what ran out, e.g. "1000 ms" or "the caller's deadline of 150 ms"; {@code circuitState}: the
         * breaker's state after the call, when it reached the breaker.
         */
        public UpstreamTimeout(String integration, String limit, int attempts, Optional<String> circuitState) {
            super(504, "Upstream timeout", "Integration " + integration + " did not answer within " + limit
                    + " (" + attempts + " attempt" + (attempts == 1 ? "" : "s") + ").");
            this.attempts = attempts;
            this.circuitState = circuitState;
        }

        @Override
        public Map<String, String> headers() {
            return circuitState.map(state -> Map.of("X-Integration-Attempts", String.valueOf(attempts),
                    "X-Circuit-State", state)).orElseGet(() -> Map.of("X-Integration-Attempts", String.valueOf(attempts)));
        }
    }

    public static final class BadGateway extends ApiProblem {
        private static final long serialVersionUID = 1L;
        private final int attempts;
        private final int upstreamStatus;
        private final String circuitState;

        public BadGateway(String integration, int upstreamStatus, int attempts, String circuitState) {
            super(502, "Upstream failure", "Integration " + integration + " failed after " + attempts + " attempt"
                    + (attempts == 1 ? "" : "s") + "; the last one "
                    + (upstreamStatus == 0 ? "got no HTTP answer" : "answered HTTP " + upstreamStatus) + ".");
            this.attempts = attempts;
            this.upstreamStatus = upstreamStatus;
            this.circuitState = circuitState;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("X-Integration-Attempts", String.valueOf(attempts), "X-Circuit-State", circuitState);
        }

        @Override
        public Map<String, Object> extensions() {
            return upstreamStatus == 0 ? Map.of() : Map.of("upstream_status", upstreamStatus);
        }
    }

    /** HTTP 200 with GraphQL {@code errors}: the call failed, though the transport (and the breaker) saw success. */
    public static final class GraphqlErrors extends ApiProblem {
        private static final long serialVersionUID = 1L;
        private final transient JsonArray errors;

        public GraphqlErrors(String integration, JsonArray errors) {
            super(502, "GraphQL errors", "Integration " + integration + " answered with " + errors.size() + " GraphQL error"
                    + (errors.size() == 1 ? "" : "s") + ".");
            this.errors = errors;
        }

        @Override
        public Map<String, Object> extensions() {
            return Map.of("graphql_errors", errors);
        }
    }
}
