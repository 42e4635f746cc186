package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.IntegrationKind;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Circuit state read from the real SmallRye breaker named after the integration (DSL.md §5.4 "reported
 * state"): {@code closed}, {@code open} or {@code half-open}; always {@code closed} without a breaker.
 */
@ApplicationScoped
public class CircuitStates {

    @Inject
    CircuitBreakerMaintenance maintenance;

    @Inject
    CircuitTransitions transitions;

    @Inject
    FailureWindows windows;

    public String state(ResolvedIntegration integration) {
        if (!hasBreaker(integration)) {
            return "closed";
        }
        CircuitBreakerState state = maintenance.currentState(integration.name());
        return switch (state) {
            case CLOSED -> "closed";
            case OPEN -> "open";
            case HALF_OPEN -> "half-open";
        };
    }

    /** Closes the breaker; a no-op without one. Returns the state afterwards. */
    public String reset(ResolvedIntegration integration) {
        if (hasBreaker(integration)) {
            boolean wasClosed = maintenance.currentState(integration.name()) == CircuitBreakerState.CLOSED;
            maintenance.reset(integration.name());
            windows.closed(integration);
            if (!wasClosed) {
                transitions.transition(integration, CircuitBreakerState.CLOSED); // reset() fires no event
            }
        }
        return state(integration);
    }

    static boolean hasBreaker(ResolvedIntegration integration) {
        return integration.model().kind() != IntegrationKind.WEBHOOK && integration.model().circuitBreaker().isPresent();
    }
}
