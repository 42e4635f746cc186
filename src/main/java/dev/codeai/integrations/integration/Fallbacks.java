package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.dsl.model.Policies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The integration's {@code fallback} (DSL.md §5.4 "Fallback rules") for a call that could not succeed: the
 * breaker was open, the retries were used up or it timed out (4xx answers never get here). {@code cache}
 * answers the last good answer for the same key, even past its TTL up to {@code codeai.cache.max-stale},
 * marked {@code X-Cache: STALE}; {@code default({...})} answers that literal. Counted as
 * {@code codeai_integration_fallbacks_total{integration, operation, kind}}.
 */
@ApplicationScoped
public class Fallbacks {

    private static final Metadata FALLBACKS = Metadata.builder().withName("codeai_integration_fallbacks")
            .withDescription("Calls answered by the integration's fallback instead of the upstream").build();

    @Inject
    ResponseCache cache;

    @Inject
    MetricRegistry registry;

    @Inject
    Clock clock;

    /** The fallback's answer, when the integration has one that applies; empty means: the original error. */
    Optional<Invoker.Invocation> rescue(ResolvedIntegration integration, Operation operation, String cacheKey, Call call,
                                        String circuitState) {
        Policies.Fallback fallback = integration.model().fallback();
        if (fallback instanceof Policies.Fallback.FromCache && cacheKey != null) {
            return cache.get(cacheKey, clock.instant()).map(entry -> {
                count(integration, operation, "cache");
                return new Invoker.Invocation(entry.response(), call.attempts(), circuitState, Optional.of("STALE"));
            });
        }
        if (fallback instanceof Policies.Fallback.DefaultValue literal) {
            count(integration, operation, "default");
            return Optional.of(new Invoker.Invocation(literal(literal), call.attempts(), circuitState));
        }
        return Optional.empty();
    }

    /** The answer of {@code fallback: default({...})}: 200 with the literal as JSON, marked {@code X-Fallback: default}. */
    static UpstreamResponse literal(Policies.Fallback.DefaultValue fallback) {
        byte[] body = Arguments.toJson(fallback.value()).toString().getBytes(StandardCharsets.UTF_8);
        return new UpstreamResponse(200, Map.of("Content-Type", List.of("application/json"),
                "X-Fallback", List.of("default")), body);
    }

    private void count(ResolvedIntegration integration, Operation operation, String kind) {
        registry.counter(FALLBACKS, new Tag("integration", integration.name()), new Tag("operation", operation.name()),
                new Tag("kind", kind)).inc();
    }
}
