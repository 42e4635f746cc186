package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.CircuitBreakerSpec;
import dev.codeai.integrations.dsl.model.IntegrationKind;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The time window of {@code threshold: N failures in D} (DSL.md §5.4) around SmallRye's named breaker,
 * which can only count the last N calls. Such a breaker's bean counts nothing but {@link CircuitTrip}, with
 * {@code requestVolumeThreshold = 1}: one trip opens it, and SmallRye keeps the rest exact (open for
 * {@code reset_after} from that moment, half-open probe admission, state events). This class decides the
 * trips: the failed attempt that makes N failures within the last D, or any failed half-open probe.
 * The window is cleared whenever the breaker closes. Thread-safe.
 */
@ApplicationScoped
public class FailureWindows {

    @Inject
    CircuitBreakerMaintenance maintenance;

    private final ConcurrentMap<String, FailureWindow> windows = new ConcurrentHashMap<>();
    /** Trips that a {@code @Timeout} interruption kept from reaching the breaker; delivered by the next attempt. */
    private final Set<String> pendingTrips = ConcurrentHashMap.newKeySet();

    /** Whether the integration's breaker has a time-window threshold. */
    static boolean windowed(ResolvedIntegration integration) {
        return integration.model().kind() != IntegrationKind.WEBHOOK
                && integration.model().circuitBreaker().flatMap(CircuitBreakerSpec::window).isPresent();
    }

    /** Before an attempt's request: delivers a pending trip, so the breaker opens without a network call. */
    void beforeAttempt(ResolvedIntegration integration) {
        if (windowed(integration) && pendingTrips.remove(integration.name())) {
            throw new CircuitTrip(new RetryableFailure("the failure window reached its threshold", null));
        }
    }

    /** What the bean throws for a failed attempt: the failure itself, or a trip that opens the breaker. */
    UpstreamFailure observe(ResolvedIntegration integration, UpstreamFailure failure) {
        if (!windowed(integration) || !countsAsFailure(failure)) {
            return failure;
        }
        if (maintenance.currentState(integration.name()) == CircuitBreakerState.HALF_OPEN) {
            return new CircuitTrip(failure);
        }
        return window(integration).recordFailure() ? new CircuitTrip(failure) : failure;
    }

    /** An attempt cut by the bean's {@code @Timeout}: the breaker sees a TimeoutException, not our failure. */
    void observeInterruptedAttempt(ResolvedIntegration integration) {
        if (windowed(integration) && window(integration).recordFailure()) {
            pendingTrips.add(integration.name());
        }
    }

    /** The breaker closed (a successful probe or a reset): its counters start again. */
    void closed(ResolvedIntegration integration) {
        Optional.ofNullable(windows.get(integration.name())).ifPresent(FailureWindow::clear);
        pendingTrips.remove(integration.name());
    }

    private FailureWindow window(ResolvedIntegration integration) {
        return windows.computeIfAbsent(integration.name(), name -> {
            CircuitBreakerSpec cb = integration.model().circuitBreaker().orElseThrow();
            return new FailureWindow(cb.failures(), cb.window().orElseThrow(), System::nanoTime);
        });
    }

    /** 408 and 429 are not breaker failures (DSL.md §5.4 failure definition), nor a deadline that passed. */
    private static boolean countsAsFailure(UpstreamFailure failure) {
        return !(failure instanceof ThrottledFailure) && !(failure instanceof ThrottledAnswer)
                && !(failure instanceof OutOfBudget);
    }
}
