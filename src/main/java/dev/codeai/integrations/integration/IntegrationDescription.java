package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Auth;
import dev.codeai.integrations.dsl.model.CircuitBreakerSpec;
import dev.codeai.integrations.dsl.model.Integration;
import dev.codeai.integrations.dsl.model.Policies;
import dev.codeai.integrations.dsl.model.Operation;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * {@code GET /integrations/{name}}: what an integration is and the policies in effect (deploy-time
 * overrides of timeout, retries, rate limit and bulkhead included; for the webhook delivery engine, its attempt
 * timeout, retry schedule and per-endpoint breaker as it runs them, and no bulkhead). Secrets are named by kind
 * only, never shown; the base URL is shown without user info or query, where credentials could hide.
 */
@JsonbPropertyOrder({"name", "type", "description", "baseUrl", "configured", "unconfiguredReason", "auth", "timeoutMs",
    "retry", "circuitBreaker", "rateLimit", "bulkhead", "defaultCacheTtlSeconds", "operations"})
public record IntegrationDescription(String name, String type, String description, String baseUrl, boolean configured,
                                     String unconfiguredReason, AuthView auth, long timeoutMs, RetryView retry,
                                     BreakerView circuitBreaker, RateLimitView rateLimit, BulkheadView bulkhead,
                                     Long defaultCacheTtlSeconds,
                                     List<OperationView> operations) {

    @JsonbPropertyOrder({"type", "placement", "name"})
    public record AuthView(String type, String placement, String name) {
    }

    @JsonbPropertyOrder({"maxRetries", "strategy", "delaysMs"})
    public record RetryView(int maxRetries, String strategy, List<Long> delaysMs) {
    }

    @JsonbPropertyOrder({"failures", "windowSeconds", "consecutive", "resetAfterSeconds", "halfOpenMaxCalls"})
    public record BreakerView(int failures, Long windowSeconds, boolean consecutive, long resetAfterSeconds,
                              int halfOpenMaxCalls) {
    }

    public record RateLimitView(long requests, long windowSeconds) {
    }

    /** The calls in flight the bulkhead admits and how many more may wait for a slot; a further one is rejected. */
    @JsonbPropertyOrder({"concurrency", "queue"})
    public record BulkheadView(int concurrency, int queue) {
    }

    @JsonbPropertyOrder({"name", "description", "method", "path", "cacheSeconds", "arguments"})
    public record OperationView(String name, String description, String method, String path, Long cacheSeconds,
                                List<ArgumentView> arguments) {
    }

    @JsonbPropertyOrder({"name", "type", "required", "defaultValue", "in"})
    public record ArgumentView(String name, String type, boolean required, Object defaultValue, String in) {
    }

    /** {@code bulkhead} null: the integration has none (the webhook delivery engine). */
    static IntegrationDescription of(ResolvedIntegration resolved, long timeoutMs, RetryView retry,
                                     Optional<CircuitBreakerSpec> breaker, Optional<Policies.RateLimit> rateLimit,
                                     BulkheadView bulkhead) {
        Integration model = resolved.model();
        String baseUrl = resolved.configured() ? model.baseUrl().map(resolved::resolve).map(IntegrationDescription::safe)
                .orElse(null) : null;
        return new IntegrationDescription(model.name(), model.kind().dslName(), model.description(), baseUrl,
                resolved.configured(), resolved.unconfigured().orElse(null), auth(model.auth()), timeoutMs, retry,
                breaker.map(IntegrationDescription::breaker).orElse(null),
                rateLimit.map(r -> new RateLimitView(r.requests(), r.window().toSeconds())).orElse(null),
                bulkhead,
                model.defaultCacheTtl().map(Duration::toSeconds).orElse(null),
                model.operations().values().stream().map(IntegrationDescription::operation).toList());
    }

    /** The DSL's retry strategy with the retries and listed waits as deployed. */
    static RetryView retry(Integration model, int maxRetries, List<Duration> delays) {
        return new RetryView(maxRetries, lower(model.retry().strategy().name()),
                delays.stream().map(Duration::toMillis).toList());
    }

    private static AuthView auth(Auth auth) {
        if (auth instanceof Auth.Bearer) {
            return new AuthView("bearer", "header", "Authorization");
        }
        if (auth instanceof Auth.ApiKey key) {
            return new AuthView("api_key", lower(key.placement().name()), key.name());
        }
        if (auth instanceof Auth.Basic) {
            return new AuthView("basic", "header", "Authorization");
        }
        if (auth instanceof Auth.AwsSigV4) {
            return new AuthView("aws_signature_v4", "header", "Authorization");
        }
        return new AuthView("none", null, null);
    }

    private static BreakerView breaker(CircuitBreakerSpec spec) {
        return new BreakerView(spec.failures(), spec.window().map(Duration::toSeconds).orElse(null), spec.consecutive(),
                spec.resetAfter().toSeconds(), spec.halfOpenMaxCalls());
    }

    private static OperationView operation(Operation op) {
        return new OperationView(op.name(), op.description(), op.method().name(), op.path().orElse(null),
                op.cacheTtl().map(Duration::toSeconds).orElse(null), op.arguments().stream()
                .map(a -> new ArgumentView(a.name(), a.type().describe(), a.required(), a.defaultValue().orElse(null),
                        lower(a.source().name()))).toList());
    }

    /** The URL without user info, query or fragment. */
    static String safe(String url) {
        try {
            URI uri = URI.create(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
