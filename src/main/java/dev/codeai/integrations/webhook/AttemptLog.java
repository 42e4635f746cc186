package dev.codeai.integrations.webhook;

import dev.codeai.integrations.dsl.model.CircuitBreakerSpec;
import dev.codeai.integrations.platform.Ids;
import dev.codeai.integrations.platform.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Writes attempts' outcomes, many in one transaction: the attempt rows, the deliveries' new states (their leases
 * released) and the endpoints' breaker columns (DSL.md §5.6 "Per-target breaker"): a success resets the count and
 * closes the breaker; a failure counts, and the threshold-th consecutive one, or a failed half-open probe, opens it
 * until {@code reset_after}. Each endpoint's outcomes apply in the order given, a run of successes or of failures
 * as one update, and endpoints are locked in id order so that instances writing at once cannot deadlock. A delivery
 * deleted meanwhile (its endpoint was removed) writes nothing.
 */
final class AttemptLog {

    /** One attempt's outcome to write; {@code countsForBreaker} for scheduled attempts, not manual ones. */
    record Outcome(DeliveryStore.Claimed delivery, Attempt attempt, Redelivery.Decision decision, boolean countsForBreaker,
                   Instant at) {
    }

    /** What the attempt changed beyond its own row. */
    record Recorded(boolean gone, Optional<Integer> breakerOpenedAfter, Optional<Duration> breakerClosedAfter) {

        static final Recorded GONE = new Recorded(true, Optional.empty(), Optional.empty());
        static final Recorded PLAIN = new Recorded(false, Optional.empty(), Optional.empty());
    }

    /** A success: the count reset and the breaker closed. */
    private static final String RESET = "UPDATE webhook_endpoint SET consecutive_failures = 0, is_healthy = TRUE, "
            + "breaker_open_until = NULL, breaker_opened_at = NULL, last_delivery_at = ? WHERE id = ?";

    /** How far behind its latest success an endpoint's {@code last_delivery_at} may be. */
    static final Duration LAST_DELIVERY_PRECISION = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final WebhookSettings settings;

    AttemptLog(DataSource dataSource, WebhookSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    Recorded record(Outcome outcome) {
        return record(List.of(outcome)).get(0);
    }

    /** Writes {@code outcomes} in one transaction; the answer is in their order. */
    List<Recorded> record(List<Outcome> outcomes) {
        Recorded[] recorded = new Recorded[outcomes.size()];
        Arrays.fill(recorded, Recorded.PLAIN);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int[] updated = updateDeliveries(connection, outcomes);
                TreeMap<String, List<Integer>> byEndpoint = new TreeMap<>();
                for (int i = 0; i < outcomes.size(); i++) {
                    if (updated[i] == 0) {
                        recorded[i] = Recorded.GONE;
                    } else {
                        byEndpoint.computeIfAbsent(outcomes.get(i).delivery().endpointId(), id -> new ArrayList<>()).add(i);
                    }
                }
                insertAttempts(connection, outcomes, recorded);
                boolean allDelivered = byEndpoint.values().stream().flatMap(List::stream).map(outcomes::get)
                        .allMatch(outcome -> outcome.decision().success());
                for (var endpoint : allDelivered ? delivered(connection, byEndpoint, outcomes).entrySet()
                        : byEndpoint.entrySet()) {
                    endpoint(connection, endpoint.getKey(), endpoint.getValue(), outcomes, recorded);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            return List.of(recorded);
        } catch (SQLException e) {
            throw DeliveryStore.failure("record " + outcomes.size() + " delivery attempts", e);
        }
    }

    /** The deliveries' new states; their update counts (0: deleted meanwhile). */
    private static int[] updateDeliveries(Connection connection, List<Outcome> outcomes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_delivery SET status = ?, "
                + "attempt_count = attempt_count + 1, next_retry_at = ?, last_attempt_at = ?, response_status_code = ?, "
                + "response_body = ?, error = ?, duration_ms = ?, updated_at = ?, claimed_until = NULL WHERE id = ?")) {
            for (Outcome outcome : outcomes) {
                Attempt attempt = outcome.attempt();
                LocalDateTime at = DeliveryStore.utc(outcome.at());
                update.setString(1, outcome.decision().status());
                update.setObject(2, outcome.decision().nextAttempt().map(DeliveryStore::utc).orElse(null));
                update.setObject(3, at);
                update.setObject(4, attempt.status().orElse(null));
                update.setString(5, attempt.body());
                update.setString(6, attempt.error());
                update.setLong(7, attempt.durationMs());
                update.setObject(8, at);
                update.setString(9, outcome.delivery().id());
                update.addBatch();
            }
            return update.executeBatch();
        }
    }

    private static void insertAttempts(Connection connection, List<Outcome> outcomes, Recorded[] recorded)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_delivery_attempt (id, delivery_id, "
                + "attempt_number, request_headers, response_status_code, response_body, duration_ms, error, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int rows = 0;
            for (int i = 0; i < outcomes.size(); i++) {
                if (recorded[i].gone()) {
                    continue;
                }
                Outcome outcome = outcomes.get(i);
                Attempt attempt = outcome.attempt();
                insert.setString(1, Ids.next());
                insert.setString(2, outcome.delivery().id());
                insert.setInt(3, outcome.delivery().attemptCount() + 1);
                insert.setString(4, attempt.requestHeaders());
                insert.setObject(5, attempt.status().orElse(null));
                insert.setString(6, attempt.body());
                insert.setLong(7, attempt.durationMs());
                insert.setString(8, attempt.error());
                insert.setObject(9, DeliveryStore.utc(outcome.at()));
                insert.addBatch();
                rows++;
            }
            if (rows > 0) {
                insert.executeBatch();
            }
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
                                                        List<Outcome> outcomes) throws SQLException {
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
    private void endpoint(Connection connection, String endpointId, List<Integer> indexes, List<Outcome> outcomes,
                          Recorded[] recorded) throws SQLException {
        Outcome latest = outcomes.get(indexes.get(indexes.size() - 1));
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
            List<Outcome> run = counted.subList(start, end).stream().map(outcomes::get).toList();
            recorded[counted.get(end - 1)] = success ? succeeded(connection, endpointId, run) : failed(connection, endpointId, run);
            start = end;
        }
    }

    /** A run of successes: the count reset and the breaker closed; how long it was open, if it was. */
    private static Recorded succeeded(Connection connection, String endpointId, List<Outcome> run) throws SQLException {
        LocalDateTime at = DeliveryStore.utc(run.get(run.size() - 1).at());
        if (Jdbc.update(connection, RESET + " AND is_healthy = TRUE", at, endpointId) == 1) {
            return Recorded.PLAIN;
        }
        Duration open = Duration.ZERO;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT breaker_opened_at FROM webhook_endpoint WHERE id = ? FOR UPDATE")) {
            select.setString(1, endpointId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Recorded.PLAIN;
                }
                Instant now = run.get(run.size() - 1).at();
                open = DeliveryStore.instant(row.getObject(1, LocalDateTime.class)).map(opened -> Duration.between(opened, now))
                        .orElse(Duration.ZERO);
            }
        }
        Jdbc.update(connection, RESET, at, endpointId);
        return new Recorded(false, Optional.empty(), Optional.of(open));
    }

    /** A run of failures: counted; a failed half-open probe reopens the breaker, the threshold-th failure opens it. */
    private Recorded failed(Connection connection, String endpointId, List<Outcome> run) throws SQLException {
        Instant now = run.get(run.size() - 1).at();
        LocalDateTime at = DeliveryStore.utc(now);
        Jdbc.update(connection, "UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + ?, "
                + "last_failure_at = ? WHERE id = ?", run.size(), at, endpointId);
        Optional<CircuitBreakerSpec> spec = settings.breaker();
        if (spec.isEmpty()) {
            return Recorded.PLAIN;
        }
        LocalDateTime reopen = DeliveryStore.utc(now.plus(spec.get().resetAfter()));
        if (run.stream().anyMatch(outcome -> !outcome.delivery().healthy())) {
            // A failed half-open probe: open for another reset_after.
            Jdbc.update(connection, "UPDATE webhook_endpoint SET breaker_open_until = ? WHERE id = ?", reopen, endpointId);
            return Recorded.PLAIN;
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
            return new Recorded(false, Optional.of(failures), Optional.empty());
        }
        return Recorded.PLAIN;
    }
}
