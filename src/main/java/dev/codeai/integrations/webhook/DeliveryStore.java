package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Jdbc;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The delivery engine's SQL on the deliveries (publishing is {@link EventStore}'s, attempt outcomes
 * {@link AttemptLog}'s): claims of due deliveries (on PostgreSQL {@code SELECT … FOR UPDATE SKIP LOCKED}, then a lease
 * in {@code claimed_until} that every instance respects, so a crashed instance's claims lapse and resume elsewhere),
 * releases, postponements and the half-open probe of an endpoint. Times are UTC.
 */
@ApplicationScoped
public class DeliveryStore {

    static final String PENDING = "pending";
    static final String RETRYING = "retrying";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    private static final String COLUMNS = "SELECT d.id, d.endpoint_id, d.event_type, d.payload, d.attempt_count, "
            + "d.max_attempts, e.url, e.secret, e.previous_secret, e.previous_secret_until, e.timeout_seconds, "
            + "e.is_healthy, e.breaker_open_until, d.schedule_start, e.is_active FROM ";
    private static final String CLAIMED = COLUMNS + "webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id ";

    /**
     * PostgreSQL's claim: the due deliveries are picked and locked on their own, in {@code webhook_delivery_due} order,
     * then joined to their endpoints. The planner is told to walk that index ({@link #CLAIM_PLAN}): statistics taken
     * while the backlog was small (autovacuum analyzes a table at most once a minute) made it read every due row with a
     * bitmap scan and sort them all, payloads included, under the row locks, where a sort cannot stop at the limit: 100
     * to 200 ms a claim with a few thousand due, which stalled deliveries for seconds at 200 events/s (bench/webhooks).
     */
    private static final String POSTGRES_CLAIM = COLUMNS + "(SELECT d.id, d.endpoint_id, d.event_type, d.payload, "
            + "d.attempt_count, d.max_attempts, d.next_retry_at, d.schedule_start FROM webhook_delivery d <due> "
            + "FOR UPDATE SKIP LOCKED) d "
            + "JOIN webhook_endpoint e ON e.id = d.endpoint_id ORDER BY d.next_retry_at";
    /**
     * For the claim's transaction only: no bitmap or sequential scan of the deliveries, so the partial index is walked in
     * order and the scan stops at the limit; no JIT compilation, which the planner's penalty for a disabled plan (were the
     * index missing) would otherwise start, at 200 ms a query.
     */
    private static final String CLAIM_PLAN = "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off; "
            + "SET LOCAL jit = off";

    /** The engine's own pool, so that its claims never queue behind requests waiting for a connection. */
    @Resource(lookup = "jdbc/codeai-engine")
    DataSource dataSource;

    private boolean postgres;

    @PostConstruct
    void detect() {
        try (Connection connection = dataSource.getConnection()) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /**
     * A claimed delivery with what its attempt needs; {@code scheduleStart}: the attempts made before its current retry
     * schedule began (0, or as many as it had when it was recovered).
     */
    record Claimed(String id, String endpointId, String eventType, String payload, int attemptCount, int maxAttempts,
                   String url, String secret, String previousSecret, LocalDateTime previousSecretUntil,
                   int timeoutSeconds, boolean healthy, LocalDateTime breakerOpenUntil, int scheduleStart,
                   boolean endpointActive) {

        /** Without the secrets and the body: safe to log. */
        @Override
        public String toString() {
            return "Claimed[" + id + " to endpoint " + endpointId + ", attempt " + (attemptCount + 1) + " of " + maxAttempts + "]";
        }
    }

    /**
     * Claims up to {@code limit} due deliveries (pending or retrying, {@code next_retry_at} passed, no live lease)
     * until {@code leaseUntil}, oldest first, none to {@code skippedEndpoints}. Rows another instance holds are skipped,
     * never waited for.
     */
    List<Claimed> claim(int limit, Instant now, Instant leaseUntil, Set<String> skippedEndpoints) {
        LocalDateTime at = utc(now);
        String due = "WHERE d.next_retry_at <= ? AND d.status IN ('pending', 'retrying') "
                + "AND (d.claimed_until IS NULL OR d.claimed_until < ?) "
                + (skippedEndpoints.isEmpty() ? "" : "AND d.endpoint_id NOT IN ("
                        + String.join(", ", Collections.nCopies(skippedEndpoints.size(), "?")) + ") ")
                + "ORDER BY d.next_retry_at LIMIT ?";
        String sql = postgres ? POSTGRES_CLAIM.replace("<due>", due) : CLAIMED + due;
        List<Claimed> claimed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (postgres) {
                    try (Statement plan = connection.createStatement()) {
                        plan.execute(CLAIM_PLAN);
                    }
                }
                claim(connection, sql, at, leaseUntil, skippedEndpoints, limit, claimed);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure("claim due deliveries", e);
        }
        return claimed;
    }

    private static void claim(Connection connection, String sql, LocalDateTime at, Instant leaseUntil,
                              Set<String> skippedEndpoints, int limit, List<Claimed> claimed) throws SQLException {
        List<Claimed> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int parameter = 0;
            select.setObject(++parameter, at);
            select.setObject(++parameter, at);
            for (String endpointId : skippedEndpoints) {
                select.setString(++parameter, endpointId);
            }
            select.setInt(++parameter, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    due.add(claimed(row));
                }
            }
        }
        // The lease, guarded again, so that even without row locks (the embedded database) one instance wins.
        try (PreparedStatement lease = connection.prepareStatement("UPDATE webhook_delivery SET claimed_until = ? "
                + "WHERE id = ? AND (claimed_until IS NULL OR claimed_until < ?)")) {
            for (Claimed delivery : due) {
                lease.setObject(1, utc(leaseUntil));
                lease.setString(2, delivery.id());
                lease.setObject(3, at);
                lease.addBatch();
            }
            int[] won = due.isEmpty() ? new int[0] : lease.executeBatch();
            for (int i = 0; i < won.length; i++) {
                if (won[i] != 0) {
                    claimed.add(due.get(i));
                }
            }
        }
    }

    /**
     * Ends a failed transaction, so that no uncommitted work is left for the container to roll back (which it reports
     * as a failure of the whole EJB or timer method); a connection that is already gone cannot, and need not, roll back.
     */
    static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Takes a finished (delivered or failed) delivery for one manual attempt until {@code leaseUntil}; empty when
     * it is unknown; {@code status} says why it was not taken when the engine still works on it.
     */
    Optional<Claimed> takeFinished(String deliveryId, Instant now, Instant leaseUntil) {
        if (update("UPDATE webhook_delivery SET claimed_until = ? WHERE id = ? AND status IN ('delivered', 'failed') "
                + "AND (claimed_until IS NULL OR claimed_until < ?)", utc(leaseUntil), deliveryId, utc(now)) == 0) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CLAIMED + "WHERE d.id = ?")) {
            select.setString(1, deliveryId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(claimed(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read delivery " + deliveryId, e);
        }
    }

    /** The status of a delivery, if it exists. */
    Optional<String> status(String deliveryId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT status FROM webhook_delivery WHERE id = ?")) {
            select.setString(1, deliveryId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read delivery " + deliveryId, e);
        }
    }

    private static Claimed claimed(ResultSet row) throws SQLException {
        return new Claimed(row.getString(1).trim(), row.getString(2).trim(), row.getString(3), row.getString(4),
                row.getInt(5), row.getInt(6), row.getString(7), row.getString(8), row.getString(9),
                row.getObject(10, LocalDateTime.class), row.getInt(11), row.getBoolean(12),
                row.getObject(13, LocalDateTime.class), row.getInt(14), row.getBoolean(15));
    }

    /** Gives claimed deliveries back untouched, as if never claimed. */
    void release(List<String> deliveryIds) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement release = connection.prepareStatement("UPDATE webhook_delivery SET claimed_until = NULL WHERE id = ?")) {
            for (String id : deliveryIds) {
                release.setString(1, id);
                release.addBatch();
            }
            release.executeBatch();
        } catch (SQLException e) {
            throw failure("release " + deliveryIds.size() + " claimed deliveries", e);
        }
    }

    /** What a pending delivery of an inactive endpoint says when it ends failed without an attempt. */
    static final String INACTIVE = "not sent: the endpoint is inactive (a 410 Gone or PUT is_active false deactivated it);"
            + " POST /webhooks/{id}/recover after activating it sends it again";

    /**
     * The pending deliveries of an endpoint that is no longer active end failed, unattempted ({@link #INACTIVE}):
     * none is sent to a receiver that answered 410 Gone or was switched off, and recovery can send them again.
     */
    static final String FAIL_PENDING_OF_ENDPOINT = fail("endpoint_id");

    /** After a 410 Gone deactivated the endpoint: its other pending deliveries, in a transaction of their own. */
    void failPending(String endpointId, Instant now) {
        update(FAIL_PENDING_OF_ENDPOINT, INACTIVE, utc(now), endpointId);
    }

    /** One claimed delivery of an endpoint found inactive at its claim, ended like {@link #FAIL_PENDING_OF_ENDPOINT}. */
    void failInactive(String deliveryId, Instant now) {
        update(fail("id"), INACTIVE, utc(now), deliveryId);
    }

    /** Ends the pending deliveries whose {@code column} is the third parameter failed, unattempted, with an error. */
    private static String fail(String column) {
        return "UPDATE webhook_delivery SET status = 'failed', next_retry_at = NULL, claimed_until = NULL, error = ?, "
                + "updated_at = ? WHERE " + column + " = ? AND status IN ('pending', 'retrying')";
    }

    /** Puts a claimed delivery back, due at {@code until}, without charging an attempt (open endpoint breaker). */
    void postpone(String deliveryId, Instant until) {
        update("UPDATE webhook_delivery SET next_retry_at = ?, claimed_until = NULL WHERE id = ?", utc(until), deliveryId);
    }

    /** Takes the single half-open probe of an endpoint: true for the one caller that moved its open period on. */
    boolean takeProbe(String endpointId, Instant now, Instant probeUntil) {
        return update("UPDATE webhook_endpoint SET breaker_open_until = ? WHERE id = ? AND is_healthy = FALSE "
                + "AND (breaker_open_until IS NULL OR breaker_open_until <= ?)", utc(probeUntil), endpointId, utc(now)) == 1;
    }

    int update(String sql, Object... values) {
        try {
            return Jdbc.update(dataSource, sql, values);
        } catch (SQLException e) {
            throw failure("update webhook state", e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Optional<Instant> instant(LocalDateTime utc) {
        return Optional.ofNullable(utc).map(t -> t.toInstant(ZoneOffset.UTC));
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
