package dev.codeai.integrations.integration;

import dev.codeai.integrations.event.EventPublisher;
import dev.codeai.integrations.platform.Jsons;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What follows a breaker's state change: the metrics {@code codeai_integration_circuit_state} (0 closed,
 * 1 open, 2 half-open, read from the real breaker) and {@code codeai_integration_circuit_transitions_total},
 * and the events {@code IntegrationCircuitOpened} (closed → open) and {@code IntegrationCircuitClosed}
 * (→ closed, with how long the outage lasted). SmallRye reports every change but a manual reset, which
 * {@link CircuitStates} reports here itself. Each change also goes to the {@link CircuitTimeline}. Thread-safe.
 */
@ApplicationScoped
public class CircuitTransitions {

    private static final Metadata STATE = Metadata.builder().withName("codeai_integration_circuit_state")
            .withDescription("Circuit breaker state: 0 closed, 1 open, 2 half-open").build();
    private static final Metadata TRANSITIONS = Metadata.builder().withName("codeai_integration_circuit_transitions")
            .withDescription("Circuit breaker state changes, by the state entered").build();

    @Inject
    MetricRegistry registry;

    @Inject
    CircuitBreakerMaintenance maintenance;

    @Inject
    Catalog catalog;

    @Inject
    EventPublisher events;

    @Inject
    Clock clock;

    @Inject
    FailureWindows windows;

    @Inject
    CircuitTimeline timeline;

    /** When each open circuit first opened, for the outage's duration. */
    private final ConcurrentMap<String, Instant> openedAt = new ConcurrentHashMap<>();
    /** When each circuit last entered open (a failed half-open probe reopens it), for Retry-After. */
    private final ConcurrentMap<String, Instant> lastOpened = new ConcurrentHashMap<>();

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (ResolvedIntegration integration : catalog.all()) {
            if (!CircuitStates.hasBreaker(integration)) {
                continue;
            }
            String name = integration.name();
            registry.gauge(STATE, () -> code(maintenance.currentState(name)), new Tag("integration", name));
            maintenance.onStateChange(name, state -> transition(integration, state));
        }
    }

    void transition(ResolvedIntegration integration, CircuitBreakerState entered) {
        String name = integration.name();
        String state = entered.name().toLowerCase(Locale.ROOT).replace('_', '-');
        registry.counter(TRANSITIONS, new Tag("integration", name), new Tag("state", state)).inc();
        Instant now = clock.instant();
        timeline.entered(name, state, now);
        if (entered == CircuitBreakerState.CLOSED) {
            windows.closed(integration);
            lastOpened.remove(name);
        } else if (entered == CircuitBreakerState.OPEN) {
            lastOpened.put(name, now);
        }
        boolean notify = integration.model().circuitBreaker().map(cb -> cb.notifyOnOpen()).orElse(false);
        if (entered == CircuitBreakerState.OPEN && openedAt.putIfAbsent(name, now) == null && notify) {
            int failures = integration.model().circuitBreaker().map(cb -> cb.failures()).orElse(0);
            events.publish("IntegrationCircuitOpened", Jsons.PROVIDER.createObjectBuilder().add("integration", name)
                    .add("failures", failures).add("opened_at", DateTimeFormatter.ISO_INSTANT.format(now)).build());
        } else if (entered == CircuitBreakerState.CLOSED) {
            Instant opened = openedAt.remove(name);
            if (opened != null && notify) {
                events.publish("IntegrationCircuitClosed", Jsons.PROVIDER.createObjectBuilder().add("integration", name)
                        .add("closed_at", DateTimeFormatter.ISO_INSTANT.format(now))
                        .add("open_duration_seconds", Duration.between(opened, now).toSeconds()).build());
            }
        }
    }

    /** When the circuit last opened, while it is open or half-open. */
    Optional<Instant> lastOpened(ResolvedIntegration integration) {
        return Optional.ofNullable(lastOpened.get(integration.name()));
    }

    private static int code(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }
}
