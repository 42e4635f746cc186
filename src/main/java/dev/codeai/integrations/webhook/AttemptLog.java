package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Writes attempts' outcomes, many in one transaction: the attempt rows, the deliveries' new states (their leases
 * released) and, through {@link EndpointBreakers}, the endpoints' breaker columns. A delivery deleted meanwhile (its
 * endpoint was removed) writes nothing.
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

    private final DataSource dataSource;
    private final EndpointBreakers breakers;

    AttemptLog(DataSource dataSource, WebhookSettings settings) {
        this.dataSource = dataSource;
        this.breakers = new EndpointBreakers(settings);
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
                breakers.apply(connection, byEndpoint, outcomes, recorded);
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
}
