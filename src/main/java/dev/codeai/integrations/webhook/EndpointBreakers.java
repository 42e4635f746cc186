package dev.codeai.integrations.webhook;

import dev.codeai.integrations.dsl.model.CircuitBreakerSpec;
import dev.codeai.integrations.platform.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The endpoints' breaker columns after a batch of outcomes, in {@link AttemptLog}'s transaction (DSL.md §5.6
 * "Per-target breaker"): a success resets the count and closes the breaker; a failure counts, and the threshold-th
 * consecutive one, or a failed half-open probe, opens it until {@code reset_after}. Each endpoint's outcomes apply in
 * the order given, a run of successes or of failures as one update, and endpoints are locked in id order so that
 * instances writing at once cannot deadlock.
 */
final class EndpointBreakers {

    /** A success: the count reset and the breaker closed. */
    private static final String RESET = "UPDATE webhook_endpoint SET consecutive_failures = 0, is_healthy = TRUE, "
            + "breaker_open_until = NULL, breaker_opened_at = NULL, last_delivery_at = ? WHERE id = ?";

    /** How far behind its latest success an endpoint's {@code last_delivery_at} may be. */
    static final Duration LAST_DELIVERY_PRECISION = Duration.ofSeconds(1);

    private final WebhookSettings settings;

    EndpointBreakers(WebhookSettings settings) {
        this.settings = settings;
    }

    /**
     * Applies the outcomes (indexes into {@code outcomes} by endpoint id, in order, deleted deliveries left out) to
     * their endpoints, setting in {@code recorded} what opened or closed a breaker.
     */
    void apply(Connection connection, TreeMap<String, List<Integer>> byEndpoint, List<AttemptLog.Outcome> outcomes,
               AttemptLog.Recorded[] recorded) throws SQLException {
        boolean allDelivered = byEndpoint.values().stream().flatMap(List::stream).map(outcomes::get)
                .allMatch(outcome -> outcome.decision().success());
        for (var endpoint : allDelivered ? delivered(connection, byEndpoint, outcomes).entrySet() : byEndpoint.entrySet()) {
            endpoint(connection, endpoint.getKey(), endpoint.getValue(), outcomes, recorded);
        }
    }

    /**
     * The usual batch, every attempt delivered: one statement batch resets the healthy endpoints' columns (a run of
     * successes each); the endpoints it did not match (their breaker was open) are left for {@link #endpoint}. An
     * endpoint that is healthy, has no failures to reset and a {@code last_delivery_at} under
     * {@link #LAST_DELIVERY_PRECISION} old is not written at all: one read of them all first. Under load every batch
     * succeeded to every endpoint, and rewriting their rows each time was thousands of updates a second of one row each.
     */
    private static Map<String, List<Integer>> delivered(Connection connection, TreeMap<String, List<Integer>> byEndpoint,
                                                        List<AttemptLog.Outcome> outcomes) throws SQLException {
        Map<String, LocalDateTime> succeeded = new TreeMap<>();
        for (var endpoint : byEndpoint.entrySet()) {
            List<Integer> counted = endpoint.getValue().stream().filter(i -> outcomes.get(i).countsForBreaker()).toList();
            if (!counted.isEmpty()) {
                succeeded.put(endpoint.getKey(), DeliveryStore.utc(outcomes.get(counted.get(counted.size() - 1)).at()));
            }
        }
        Map<String, List<Integer>> left = new TreeMap<>(byEndpoint);
        if (succeeded.isEmpty()) {
            return left;
        }
        Set<String> current = current(connection, succeeded);
        List<String> ids = new ArrayList<>();
        try (PreparedStatement reset = connection.prepareStatement(RESET + " AND is_healthy = TRUE")) {
            for (var endpoint : succeeded.entrySet()) {
                if (current.contains(endpoint.getKey())) {
                    left.remove(endpoint.getKey());
                    continue;
                }
                reset.setObject(1, endpoint.getValue());
                reset.setString(2, endpoint.getKey());
                reset.addBatch();
                ids.add(endpoint.getKey());
            }
            int[] updated = ids.isEmpty() ? new int[0] : reset.executeBatch();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 1) {
                    left.remove(ids.get(i));
                }
            }
            return left;
        }
    }

    /** Those of the endpoints that a success would not change: healthy, no failures, delivered to recently enough. */
    private static Set<String> current(Connection connection, Map<String, LocalDateTime> succeeded) throws SQLException {
        Set<String> current = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, last_delivery_at FROM webhook_endpoint "
                + "WHERE is_healthy = TRUE AND consecutive_failures = 0 AND breaker_open_until IS NULL "
                + "AND breaker_opened_at IS NULL AND id IN (" + String.join(", ", Collections.nCopies(succeeded.size(), "?"))
                + ")")) {
            int parameter = 1;
            for (String id : succeeded.keySet()) {
                select.setString(parameter++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1).trim();
                    LocalDateTime last = rows.getObject(2, LocalDateTime.class);
                    if (last != null && last.isAfter(succeeded.get(id).minus(LAST_DELIVERY_PRECISION))) {
                        current.add(id);
                    }
                }
            }
        }
        return current;
    }

    /** One endpoint's columns after its outcomes (indexes into {@code outcomes}, in order). */
    private void endpoint(Connection connection, String endpointId, List<Integer> indexes, List<AttemptLog.Outcome> outcomes,
                          AttemptLog.Recorded[] recorded) throws SQLException {
        AttemptLog.Outcome latest = outcomes.get(indexes.get(indexes.size() - 1));
        if (indexes.stream().anyMatch(i -> outcomes.get(i).decision().disableEndpoint())) {
            Jdbc.update(connection, "UPDATE webhook_endpoint SET is_active = FALSE, updated_at = ? WHERE id = ?",
                    DeliveryStore.utc(latest.at()), endpointId);
        }
        List<Integer> counted = indexes.stream().filter(i -> outcomes.get(i).countsForBreaker()).toList();
        int start = 0;
        while (start < counted.size()) {
            boolean success = outcomes.get(counted.get(start)).decision().success();
            int end = start;
            while (end < counted.size() && outcomes.get(counted.get(end)).decision().success() == success) {
                end++;
            }
            List<AttemptLog.Outcome> run = counted.subList(start, end).stream().map(outcomes::get).toList();
            recorded[counted.get(end - 1)] = success ? succeeded(connection, endpointId, run) : failed(connection, endpointId, run);
            start = end;
        }
    }

    /** A run of successes: the count reset and the breaker closed; how long it was open, if it was. */
    private static AttemptLog.Recorded succeeded(Connection connection, String endpointId, List<AttemptLog.Outcome> run) throws SQLException {
        LocalDateTime at = DeliveryStore.utc(run.get(run.size() - 1).at());
        if (Jdbc.update(connection, RESET + " AND is_healthy = TRUE", at, endpointId) == 1) {
            return AttemptLog.Recorded.PLAIN;
        }
        Duration open = Duration.ZERO;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT breaker_opened_at FROM webhook_endpoint WHERE id = ? FOR UPDATE")) {
            select.setString(1, endpointId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return AttemptLog.Recorded.PLAIN;
                }
                Instant now = run.get(run.size() - 1).at();
                open = DeliveryStore.instant(row.getObject(1, LocalDateTime.class)).map(opened -> Duration.between(opened, now))
                        .orElse(Duration.ZERO);
            }
        }
        Jdbc.update(connection, RESET, at, endpointId);
        return new AttemptLog.Recorded(false, Optional.empty(), Optional.of(open));
    }

    /** A run of failures: counted; a failed half-open probe reopens the breaker, the threshold-th failure opens it. */
    private AttemptLog.Recorded failed(Connection connection, String endpointId, List<AttemptLog.Outcome> run) throws SQLException {
        Instant now = run.get(run.size() - 1).at();
        LocalDateTime at = DeliveryStore.utc(now);
        Jdbc.update(connection, "UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + ?, "
                + "last_failure_at = ? WHERE id = ?", run.size(), at, endpointId);
        Optional<CircuitBreakerSpec> spec = settings.breaker();
        if (spec.isEmpty()) {
            return AttemptLog.Recorded.PLAIN;
        }
        LocalDateTime reopen = DeliveryStore.utc(now.plus(spec.get().resetAfter()));
        if (run.stream().anyMatch(outcome -> !outcome.delivery().healthy())) {
            // A failed half-open probe: open for another reset_after.
            Jdbc.update(connection, "UPDATE webhook_endpoint SET breaker_open_until = ? WHERE id = ?", reopen, endpointId);
            return AttemptLog.Recorded.PLAIN;
        }
        int failures;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT consecutive_failures FROM webhook_endpoint WHERE id = ?")) {
            select.setString(1, endpointId);
            try (ResultSet row = select.executeQuery()) {
                failures = row.next() ? row.getInt(1) : 0;
            }
        }
        if (failures >= spec.get().failures() && Jdbc.update(connection, "UPDATE webhook_endpoint SET is_healthy = FALSE, "
                + "breaker_open_until = ?, breaker_opened_at = ? WHERE id = ? AND is_healthy = TRUE", reopen, at,
                endpointId) == 1) {
            return new AttemptLog.Recorded(false, Optional.of(failures), Optional.empty());
        }
        return AttemptLog.Recorded.PLAIN;
    }
}
