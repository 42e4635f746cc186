package dev.codeai.integrations.integration;

import dev.codeai.integrations.platform.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Idempotent requests in the database (table {@code idempotent_request}, migration V2), for servers without
 * {@code REDIS_URL} and while Redis is unreachable. A claim is an insert on the primary key, so two instances on
 * one database never both claim an id; completing and releasing match the owner, so an owner whose lease lapsed
 * cannot overwrite a newer request. Statements run in auto-commit: each step is durable on its own. Expired rows
 * go on the next claim of their id, and all of them at most every ten minutes.
 */
final class DatabaseReplayStore implements ReplayStore {

    private static final String RUNNING = "running";
    private static final String FINISHED = "finished";
    private static final long PURGE_EVERY_MILLIS = Duration.ofMinutes(10).toMillis();

    private final DataSource dataSource;
    private final AtomicLong lastPurge = new AtomicLong();

    DatabaseReplayStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Claim> claim(Ticket ticket, Duration lease, Instant now) {
        long millis = now.toEpochMilli();
        try (Connection connection = dataSource.getConnection()) {
            purgeNowAndThen(connection, millis);
            for (int round = 0; round < 3; round++) {
                Optional<Claim> held = held(connection, ticket.id(), millis);
                if (held.isPresent()) {
                    return held;
                }
                if (insert(connection, ticket, millis + lease.toMillis(), millis)) {
                    return Optional.of(new Claimed());
                }
            }
            throw new IllegalStateException("idempotency key " + ticket.id() + " keeps changing hands");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim an idempotency key in the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void complete(Ticket ticket, ReplayAnswer answer, Duration retention, Instant now) {
        update("UPDATE idempotent_request SET state = ?, answer = ?, expires_at = ? "
                        + "WHERE id = ? AND owner = ? AND state = ?", FINISHED,
                Base64.getEncoder().encodeToString(answer.encode()), now.plus(retention).toEpochMilli(),
                ticket.id(), ticket.owner(), RUNNING);
    }

    @Override
    public void release(Ticket ticket) {
        update("DELETE FROM idempotent_request WHERE id = ? AND owner = ? AND state = ?",
                ticket.id(), ticket.owner(), RUNNING);
    }

    /** What holds the id now; an expired row is deleted and counts as nothing. */
    private static Optional<Claim> held(Connection connection, String id, long now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint, state, answer, expires_at FROM idempotent_request WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String fingerprint = row.getString(1).trim();
                if (row.getLong(4) <= now) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM idempotent_request WHERE id = ? AND expires_at <= ?")) {
                        delete.setString(1, id);
                        delete.setLong(2, now);
                        delete.executeUpdate();
                    }
                    return Optional.empty();
                }
                return Optional.of(RUNNING.equals(row.getString(2)) ? new Running(fingerprint)
                        : new Finished(fingerprint, ReplayAnswer.decode(Base64.getDecoder().decode(row.getString(3)))));
            }
        }
    }

    /** Inserts the claim; false when another request inserted the id first. */
    private static boolean insert(Connection connection, Ticket ticket, long expiresAt, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idempotent_request "
                + "(id, fingerprint, owner, state, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, ticket.id());
            insert.setString(2, ticket.fingerprint());
            insert.setString(3, ticket.owner());
            insert.setString(4, RUNNING);
            insert.setLong(5, expiresAt);
            insert.setLong(6, now);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Jdbc.duplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private void purgeNowAndThen(Connection connection, long now) throws SQLException {
        long last = lastPurge.get();
        if (now - last >= PURGE_EVERY_MILLIS && lastPurge.compareAndSet(last, now)) {
            try (PreparedStatement purge = connection.prepareStatement(
                    "DELETE FROM idempotent_request WHERE expires_at <= ?")) {
                purge.setLong(1, now);
                purge.executeUpdate();
            }
        }
    }

    private void update(String sql, Object... values) {
        try {
            Jdbc.update(dataSource, sql, values);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store an idempotent request in the database: " + e.getMessage(), e);
        }
    }
}
