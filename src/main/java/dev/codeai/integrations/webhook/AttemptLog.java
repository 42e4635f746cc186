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
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes one attempt's outcome in one transaction: the attempt row, the delivery's new state (its lease released)
 * and the endpoint's breaker columns (DSL.md §5.6 "Per-target breaker"): a success resets the count and closes the
 * breaker; a failure counts, and the threshold-th consecutive one, or a failed half-open probe, opens it until
 * {@code reset_after}. A delivery deleted meanwhile (its endpoint was removed) writes nothing.
 */
final class AttemptLog {

    /** What the attempt changed beyond its own row. */
    record Recorded(boolean gone, Optional<Integer> breakerOpenedAfter, Optional<Duration> breakerClosedAfter) {
    }

    private static final String FOREIGN_KEY = "23503";
    private static final String FOREIGN_KEY_H2 = "23506";

    private final DataSource dataSource;
    private final WebhookSettings settings;

    AttemptLog(DataSource dataSource, WebhookSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    Recorded record(DeliveryStore.Claimed delivery, Attempt attempt, Redelivery.Decision decision, boolean countsForBreaker,
                    Instant now) {
        LocalDateTime at = DeliveryStore.utc(now);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insertAttempt(connection, delivery, attempt, at);
            } catch (SQLException e) {
                connection.rollback();
                if (FOREIGN_KEY.equals(e.getSQLState()) || FOREIGN_KEY_H2.equals(e.getSQLState())) {
                    return new Recorded(true, Optional.empty(), Optional.empty());
                }
                throw e;
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_delivery SET status = ?, "
                    + "attempt_count = attempt_count + 1, next_retry_at = ?, last_attempt_at = ?, response_status_code = ?, "
                    + "response_body = ?, error = ?, duration_ms = ?, updated_at = ?, claimed_until = NULL WHERE id = ?")) {
                update.setString(1, decision.status());
                update.setObject(2, decision.nextAttempt().map(DeliveryStore::utc).orElse(null));
                update.setObject(3, at);
                update.setObject(4, attempt.status().orElse(null));
                update.setString(5, attempt.body());
                update.setString(6, attempt.error());
                update.setLong(7, attempt.durationMs());
                update.setObject(8, at);
                update.setString(9, delivery.id());
                update.executeUpdate();
            }
            if (decision.disableEndpoint()) {
                Jdbc.update(connection, "UPDATE webhook_endpoint SET is_active = FALSE, updated_at = ? WHERE id = ?", at,
                        delivery.endpointId());
            }
            Recorded recorded = countsForBreaker ? breaker(connection, delivery, decision.success(), now)
                    : new Recorded(false, Optional.empty(), Optional.empty());
            connection.commit();
            return recorded;
        } catch (SQLException e) {
            throw DeliveryStore.failure("record an attempt of delivery " + delivery.id(), e);
        }
    }

    private Recorded breaker(Connection connection, DeliveryStore.Claimed delivery, boolean success, Instant now)
            throws SQLException {
        LocalDateTime at = DeliveryStore.utc(now);
        if (success) {
            Optional<Duration> open = Optional.empty();
            if (!delivery.healthy()) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT breaker_opened_at FROM webhook_endpoint WHERE id = ?")) {
                    select.setString(1, delivery.endpointId());
                    try (ResultSet row = select.executeQuery()) {
                        open = Optional.of(row.next() ? DeliveryStore.instant(row.getObject(1, LocalDateTime.class))
                                .map(opened -> Duration.between(opened, now)).orElse(Duration.ZERO) : Duration.ZERO);
                    }
                }
            }
            Jdbc.update(connection, "UPDATE webhook_endpoint SET consecutive_failures = 0, is_healthy = TRUE, "
                    + "breaker_open_until = NULL, breaker_opened_at = NULL, last_delivery_at = ? WHERE id = ?", at,
                    delivery.endpointId());
            return new Recorded(false, Optional.empty(), open);
        }
        Jdbc.update(connection, "UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1, "
                + "last_failure_at = ? WHERE id = ?", at, delivery.endpointId());
        Optional<CircuitBreakerSpec> spec = settings.breaker();
        if (spec.isEmpty()) {
            return new Recorded(false, Optional.empty(), Optional.empty());
        }
        LocalDateTime reopen = DeliveryStore.utc(now.plus(spec.get().resetAfter()));
        if (!delivery.healthy()) {
            // A failed half-open probe: open for another reset_after.
            Jdbc.update(connection, "UPDATE webhook_endpoint SET breaker_open_until = ? WHERE id = ?", reopen, delivery.endpointId());
            return new Recorded(false, Optional.empty(), Optional.empty());
        }
        int failures;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT consecutive_failures FROM webhook_endpoint WHERE id = ?")) {
            select.setString(1, delivery.endpointId());
            try (ResultSet row = select.executeQuery()) {
                failures = row.next() ? row.getInt(1) : 0;
            }
        }
        if (failures >= spec.get().failures() && Jdbc.update(connection, "UPDATE webhook_endpoint SET is_healthy = FALSE, "
                + "breaker_open_until = ?, breaker_opened_at = ? WHERE id = ? AND is_healthy = TRUE", reopen, at,
                delivery.endpointId()) == 1) {
            return new Recorded(false, Optional.of(failures), Optional.empty());
        }
        return new Recorded(false, Optional.empty(), Optional.empty());
    }

    private static void insertAttempt(Connection connection, DeliveryStore.Claimed delivery, Attempt attempt,
                                      LocalDateTime at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_delivery_attempt (id, delivery_id, "
                + "attempt_number, request_headers, response_status_code, response_body, duration_ms, error, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, delivery.id());
            insert.setInt(3, delivery.attemptCount() + 1);
            insert.setString(4, attempt.requestHeaders());
            insert.setObject(5, attempt.status().orElse(null));
            insert.setString(6, attempt.body());
            insert.setLong(7, attempt.durationMs());
            insert.setString(8, attempt.error());
            insert.setObject(9, at);
            insert.executeUpdate();
        }
    }
}
