package dev.codeai.integrations.integration;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Circuit breakers in the metrics: {@code codeai_integration_circuit_state} (0 closed, 1 open, 2 half-open,
 * read from the real breaker) and {@code codeai_integration_circuit_transitions_total} by target state.
 * SmallRye reports every transition but a manual reset, which {@link CircuitStates} reports here itself.
 */
@ApplicationScoped
public class CircuitMetrics {

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

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (ResolvedIntegration integration : catalog.all()) {
            if (!CircuitStates.hasBreaker(integration)) {
                continue;
            }
            String name = integration.name();
            registry.gauge(STATE, () -> code(maintenance.currentState(name)), new Tag("integration", name));
            maintenance.onStateChange(name, state -> transition(name, state));
        }
    }

    void transition(String integration, CircuitBreakerState entered) {
        registry.counter(TRANSITIONS, new Tag("integration", integration),
                new Tag("state", entered.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))).inc();
    }

    private static int code(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }
}
