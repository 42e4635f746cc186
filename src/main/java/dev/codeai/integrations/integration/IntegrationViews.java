package dev.codeai.integrations.integration;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The JSON shapes of the integration management routes (example README, "Integration Status"). */
public final class IntegrationViews {

    private IntegrationViews() {
    }

    public record StatusList(List<Status> integrations) {
    }

    @JsonbPropertyOrder({"name", "type", "status", "circuitState", "errorRate", "lastSuccessAt", "lastFailureAt"})
    public record Status(String name, String type, String status, String circuitState, double errorRate,
                         String lastSuccessAt, String lastFailureAt) {
    }

    @JsonbPropertyOrder({"name", "status", "circuitState", "latencyP50", "latencyP99", "successRate", "lastError"})
    public record Health(String name, String status, String circuitState, Long latencyP50, Long latencyP99,
                         double successRate, String lastError) {
    }

    /** {@code GET /integrations/history}: every integration's last hour by minute and the breaker changes in it. */
    @JsonbPropertyOrder({"integrations", "circuitEvents"})
    public record History(List<IntegrationHistory> integrations, List<CircuitTimeline.Change> circuitEvents) {
    }

    @JsonbPropertyOrder({"name", "minutes"})
    public record IntegrationHistory(String name, List<MinuteView> minutes) {
    }

    /** One minute; latencies in ms (approximate, see {@link CallHistory}), {@code null} without calls. */
    @JsonbPropertyOrder({"start", "calls", "failures", "latencyP50", "latencyP99"})
    public record MinuteView(String start, int calls, int failures, Long latencyP50, Long latencyP99) {
    }

    @JsonbPropertyOrder({"name", "purged"})
    public record CachePurge(String name, int purged) {
    }

    @JsonbPropertyOrder({"name", "circuitState"})
    public record CircuitReset(String name, String circuitState) {
    }
}
