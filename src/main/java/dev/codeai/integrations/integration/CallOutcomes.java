package dev.codeai.integrations.integration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Where every call's outcome goes: the in-memory window behind status and health ({@link CallStats}), the
 * last hour by minute for the console ({@link CallHistory}) and the application metrics
 * ({@code codeai_integration_calls_total} by integration, operation and outcome, and the
 * {@code codeai_integration_call_duration_seconds} timer). Thread-safe.
 */
@ApplicationScoped
public class CallOutcomes {

    /** How a call ended, as the {@code outcome} metric tag. */
    public enum Outcome {
        SUCCESS, CLIENT_ERROR, UPSTREAM_ERROR, GRAPHQL_ERROR, TIMEOUT, CIRCUIT_OPEN, RATE_LIMITED, BULKHEAD_FULL;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Metadata CALLS = Metadata.builder().withName("codeai_integration_calls")
            .withDescription("Calls of integration operations through the gateway, by outcome").build();
    private static final Metadata DURATION = Metadata.builder().withName("codeai_integration_call_duration")
            .withDescription("Duration of integration calls, all attempts included").withUnit(MetricUnits.SECONDS)
            .build();

    @Inject
    MetricRegistry registry;

    private final ConcurrentMap<String, CallStats> stats = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CallHistory> history = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Metrics> metrics = new ConcurrentHashMap<>();

    public void record(String integration, String operation, Outcome outcome, Instant at, Duration took,
                       String error) {
        // A rejection by the full bulkhead says nothing of the upstream's health: only the metric counts it.
        boolean failed = !(outcome == Outcome.SUCCESS || outcome == Outcome.CLIENT_ERROR || outcome == Outcome.RATE_LIMITED);
        if (outcome != Outcome.BULKHEAD_FULL) {
            if (failed) {
                stats(integration).failure(at, took, error);
            } else {
                stats(integration).success(at, took);
            }
            history(integration).record(at, took, failed);
        }
        metrics.computeIfAbsent(integration + '\0' + operation + '\0' + outcome, key -> {
            Tag[] tags = {new Tag("integration", integration), new Tag("operation", operation)};
            return new Metrics(registry.counter(CALLS, tags[0], tags[1], new Tag("outcome", outcome.tag())),
                    registry.timer(DURATION, tags));
        }).record(took);
    }

    /** The counter and timer of one integration, operation and outcome, looked up once. */
    private record Metrics(Counter calls, Timer duration) {

        void record(Duration took) {
            calls.inc();
            duration.update(took);
        }
    }

    /** The per-minute history of the last hour, for the console's charts. */
    public CallHistory history(String integration) {
        return history.computeIfAbsent(integration, n -> new CallHistory());
    }

    public CallStats stats(String integration) {
        return stats.computeIfAbsent(integration, n -> new CallStats());
    }
}
