package dev.codeai.integrations.integration;

import dev.codeai.integrations.codegen.BulkheadGenerator;
import dev.codeai.integrations.codegen.ClassNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.codeai.integrations.dsl.model.IntegrationKind;
import dev.codeai.integrations.dsl.model.Policies;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.Config;

/**
 * The timeout, retry count and breaker delay a generated bean really runs with: the DSL's values unless the
 * standard MicroProfile Fault Tolerance keys ({@code <bean class>/call/Timeout/value}, {@code …/Retry/maxRetries},
 * {@code …/CircuitBreaker/delay}, all in milliseconds as generated) override them at deploy time; likewise
 * the rate limit ({@link #rateLimit}) and the bulkhead ({@link #bulkheadConcurrency}, {@link #bulkheadQueue}).
 */
@ApplicationScoped
public class DeployedPolicies {

    /** How much earlier than the bean's {@code @Timeout} an attempt gives up by itself (at most). */
    static final long ATTEMPT_MARGIN_MS = 50;

    @Inject
    Config config;

    /** Budgets per integration: SmallRye reads these keys once at deployment, so they cannot change later. */
    private final ConcurrentMap<String, Duration> budgets = new ConcurrentHashMap<>();

    /** The call budget of DSL.md §5.4: (retries + 1) × timeout, as deployed. */
    public Duration budget(ResolvedIntegration integration) {
        return budgets.computeIfAbsent(integration.name(),
                name -> Duration.ofMillis(timeoutMillis(integration) * (maxRetries(integration) + 1L)));
    }

    public long timeoutMillis(ResolvedIntegration integration) {
        return config.getOptionalValue(key(integration, "Timeout/value"), Long.class)
                .orElse(integration.model().timeout().toMillis());
    }

    /**
     * The timeout an attempt enforces itself: {@link #timeoutMillis} less a small margin, so the attempt's own
     * classified failure, not the bean's {@code @Timeout} backstop, is what the retry and breaker see.
     */
    public long attemptTimeoutMillis(ResolvedIntegration integration) {
        long timeout = timeoutMillis(integration);
        return timeout - Math.min(ATTEMPT_MARGIN_MS, timeout / 10);
    }

    public int maxRetries(ResolvedIntegration integration) {
        return config.getOptionalValue(key(integration, "Retry/maxRetries"), Integer.class)
                .orElse(integration.model().retry().maxRetries());
    }

    /** How long the breaker stays open ({@code reset_after}, or {@code …/CircuitBreaker/delay} when overridden). */
    public long breakerDelayMillis(ResolvedIntegration integration) {
        long dsl = integration.model().circuitBreaker().map(cb -> cb.resetAfter().toMillis()).orElse(0L);
        return config.getOptionalValue(key(integration, "CircuitBreaker/delay"), Long.class).orElse(dsl);
    }

    /**
     * The {@code rate_limit} as deployed: {@code codeai.rate-limit.<integration>.requests} and {@code ….window}
     * (ISO-8601, e.g. {@code PT1M}) override the DSL's values, e.g. to match a plan's quota without a new build.
     */
    public Optional<Policies.RateLimit> rateLimit(ResolvedIntegration integration) {
        String prefix = "codeai.rate-limit." + integration.name() + ".";
        return integration.model().rateLimit().map(limit -> new Policies.RateLimit(
                config.getOptionalValue(prefix + "requests", Long.class).orElse(limit.requests()),
                config.getOptionalValue(prefix + "window", Duration.class).orElse(limit.window()), limit.header()));
    }

    /** Every integration has a bulkhead but the webhook delivery engine, which is never called through one. */
    public static boolean hasBulkhead(ResolvedIntegration integration) {
        return integration.model().kind() != IntegrationKind.WEBHOOK;
    }

    /**
     * The calls in flight the integration's bulkhead admits: {@code codeai.bulkhead.<integration>.concurrency}
     * (mapped by {@link BulkheadConfigSource}) or SmallRye's own key, else the generated default.
     */
    public int bulkheadConcurrency(ResolvedIntegration integration) {
        return config.getOptionalValue(BulkheadConfigSource.key(integration.name(),
                BulkheadConfigSource.Setting.CONCURRENCY), Integer.class).orElse(BulkheadGenerator.DEFAULT_CONCURRENCY);
    }

    /**
     * The calls that may wait in the queue of the integration's bulkhead: {@code codeai.bulkhead.<integration>.queue}
     * (mapped by {@link BulkheadConfigSource}) or SmallRye's own key, else the generated default.
     */
    public int bulkheadQueue(ResolvedIntegration integration) {
        return config.getOptionalValue(BulkheadConfigSource.key(integration.name(),
                BulkheadConfigSource.Setting.QUEUE), Integer.class).orElse(BulkheadGenerator.DEFAULT_QUEUE);
    }

    private static String key(ResolvedIntegration integration, String annotationKey) {
        return ClassNames.qualified(integration.name()) + "/call/" + annotationKey;
    }
}
