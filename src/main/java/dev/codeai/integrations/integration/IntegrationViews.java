package dev.codeai.integrations.integration;

import java.util.List;

/** The JSON shapes of the integration management routes (example README, "Integration Status"). */
public final class IntegrationViews {

    private IntegrationViews() {
    }

    public record StatusList(List<Status> integrations) {
    }

    public record Status(String name, String type, String status, String circuitState, double errorRate,
                         String lastSuccessAt, String lastFailureAt) {
    }

    public record Health(String name, String status, String circuitState, Long latencyP50, Long latencyP99,
                         double successRate, String lastError) {
    }

    public record CircuitReset(String name, String circuitState) {
    }
}
