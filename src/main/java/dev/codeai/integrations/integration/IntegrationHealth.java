package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Integration;
import dev.codeai.integrations.dsl.model.IntegrationKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Status and health of integrations from the real breaker and the recent calls: {@code down} when
 * unconfigured or open, {@code degraded} when half-open or at least {@link #DEGRADED_ERROR_RATE} of recent
 * calls failed, else {@code healthy}.
 */
@ApplicationScoped
public class IntegrationHealth {

    static final double DEGRADED_ERROR_RATE = 0.05;
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Inject
    Catalog catalog;

    @Inject
    CallOutcomes outcomes;

    @Inject
    CircuitStates circuits;

    @Inject
    Clock clock;

    @Inject
    DeployedPolicies deployed;

    @Inject
    CircuitTimeline timeline;

    @Inject
    DeliveryEnginePolicies engine;

    public IntegrationViews.StatusList statusOfAll() {
        return new IntegrationViews.StatusList(catalog.all().stream().map(this::status).toList());
    }

    public IntegrationViews.Health health(String name) {
        ResolvedIntegration integration = find(name);
        CallStats.Snapshot s = outcomes.stats(name).snapshot(clock.instant());
        String circuit = circuits.state(integration);
        String lastError = integration.unconfigured().or(s::lastError).orElse(null);
        return new IntegrationViews.Health(name, statusOf(integration, circuit, s), circuit, s.p50().orElse(null),
                s.p99().orElse(null), round(1.0 - s.errorRate()), lastError);
    }

    public IntegrationViews.History history() {
        Instant now = clock.instant();
        return new IntegrationViews.History(catalog.all().stream().map(i -> new IntegrationViews.IntegrationHistory(i.name(),
                outcomes.history(i.name()).lastHour(now).stream().map(m -> new IntegrationViews.MinuteView(
                        RFC_3339.format(m.start()), m.calls(), m.failures(), m.p50().orElse(null), m.p99().orElse(null)))
                        .toList())).toList(), timeline.lastHour(now));
    }

    /** The policies as deployed; for the webhook delivery engine, as the engine runs them (and no bulkhead). */
    public IntegrationDescription describe(String name) {
        ResolvedIntegration integration = find(name);
        Integration model = integration.model();
        if (model.kind() == IntegrationKind.WEBHOOK) {
            return IntegrationDescription.of(integration, engine.attemptTimeout().toMillis(),
                    IntegrationDescription.retry(model, engine.retryDelays().size(), engine.retryDelays()),
                    engine.breaker(), deployed.rateLimit(integration), null);
        }
        return IntegrationDescription.of(integration, deployed.timeoutMillis(integration),
                IntegrationDescription.retry(model, deployed.maxRetries(integration), model.retry().delays()),
                model.circuitBreaker(), deployed.rateLimit(integration), new IntegrationDescription.BulkheadView(
                        deployed.bulkheadConcurrency(integration), deployed.bulkheadQueue(integration)));
    }

    public IntegrationViews.CircuitReset reset(String name) {
        return new IntegrationViews.CircuitReset(name, circuits.reset(find(name)));
    }

    private IntegrationViews.Status status(ResolvedIntegration integration) {
        CallStats.Snapshot s = outcomes.stats(integration.name()).snapshot(clock.instant());
        String circuit = circuits.state(integration);
        return new IntegrationViews.Status(integration.name(), integration.model().kind().dslName(),
                statusOf(integration, circuit, s), circuit, round(s.errorRate()), format(s.lastSuccess()),
                format(s.lastFailure()));
    }

    private static String statusOf(ResolvedIntegration integration, String circuit, CallStats.Snapshot s) {
        if (!integration.configured() || circuit.equals("open")) {
            return "down";
        }
        if (circuit.equals("half-open") || s.errorRate() >= DEGRADED_ERROR_RATE) {
            return "degraded";
        }
        return "healthy";
    }

    private ResolvedIntegration find(String name) {
        return catalog.find(name).orElseThrow(() -> new IntegrationProblems.UnknownIntegration(name));
    }

    private static double round(double rate) {
        return BigDecimal.valueOf(rate).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    private static String format(Optional<Instant> at) {
        return at.map(RFC_3339::format).orElse(null);
    }
}
