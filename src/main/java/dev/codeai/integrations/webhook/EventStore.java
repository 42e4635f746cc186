package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Ids;
import dev.codeai.integrations.platform.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * Publishing's SQL: the fan-out of events to their subscribers, each event id with its pending deliveries stored in
 * one transaction before the publisher hears back, a known id answered with what its first publication did. Times
 * are UTC.
 */
@ApplicationScoped
public class EventStore {

    @Resource(lookup = "jdbc/codeai")
    DataSource dataSource;

    /**
     * An endpoint a new event goes to; {@code leased}: its delivery is stored already claimed by this instance, whose
     * dispatcher starts it as soon as the transaction commits (no claim needed).
     */
    record Target(Subscriber endpoint, int maxAttempts, boolean leased) {
    }

    /** What publishing stored: each event's answer, and the deliveries leased to this instance with what they need. */
    record Stored(List<Published> published, List<DeliveryStore.Claimed> leased) {
    }

    /** What publishing an event id did: the deliveries it created, or (a repeat) those of its first publication. */
    record Published(String eventId, int deliveries, boolean repeat) {
    }

    /** An active endpoint, for fan-out, with what an attempt to it needs. */
    record Subscriber(String id, String name, List<String> events, int retryCount, String url, String secret,
                      String previousSecret, LocalDateTime previousSecretUntil, int timeoutSeconds, boolean healthy,
                      LocalDateTime breakerOpenUntil) {

        /** Without the secrets: safe to log. */
        @Override
        public String toString() {
            return "Subscriber[" + id + " " + name + "]";
        }
    }

    /** An event to store: its id, type and the body every attempt sends. */
    record NewEvent(String id, String type, String body) {
    }

    /**
     * Records each event id and one pending delivery, due now, per target that {@code targeting} picks for it among
     * the active endpoints (read in the same transaction), all in one transaction: every event is stored, or none. An
     * id stored before, or earlier in {@code events}, creates nothing and answers what its first publication did.
     * Deliveries to {@linkplain Target#leased leased} targets are stored claimed until {@code leaseUntil}.
     */
    Stored publish(List<NewEvent> events, BiFunction<List<Subscriber>, NewEvent, List<Target>> targeting, Instant now,
                   Instant leaseUntil) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // One event: insert and let the key say whether it is a repeat. Several: look their ids up first.
            // A concurrent publication of the same id makes the insert fail; then the look-up sees it.
            boolean lookUp = events.size() > 1;
            for (int round = 1; ; round++) {
                try {
                    List<DeliveryStore.Claimed> leased = new ArrayList<>();
                    List<Published> published = publish(connection, events, targeting, DeliveryStore.utc(now),
                            DeliveryStore.utc(leaseUntil), lookUp, leased);
                    connection.commit();
                    return new Stored(published, leased);
                } catch (SQLException e) {
                    DeliveryStore.rollback(connection, e);
                    if (round == 3 || !Jdbc.duplicateKey(e) && !Jdbc.duplicateKey(e.getNextException())) {
                        throw e;
                    }
                    lookUp = true;
                } catch (RuntimeException e) {
                    DeliveryStore.rollback(connection, e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw DeliveryStore.failure("store " + (events.size() == 1 ? "the event " + events.get(0).id() : events.size() + " events"), e);
        }
    }

    private static List<Published> publish(Connection connection, List<NewEvent> events,
                                           BiFunction<List<Subscriber>, NewEvent, List<Target>> targeting,
                                           LocalDateTime at, LocalDateTime leaseUntil, boolean lookUp,
                                           List<DeliveryStore.Claimed> leased) throws SQLException {
        Map<String, Integer> known = lookUp ? storedEvents(connection, events) : new HashMap<>();
        List<Subscriber> active = activeEndpoints(connection);
        List<Published> published = new ArrayList<>(events.size());
        Map<NewEvent, List<Target>> fresh = new LinkedHashMap<>();
        for (NewEvent event : events) {
            Integer before = known.get(event.id());
            if (before != null) {
                published.add(new Published(event.id(), before, true));
                continue;
            }
            List<Target> targets = targeting.apply(active, event);
            known.put(event.id(), targets.size());
            fresh.put(event, targets);
            published.add(new Published(event.id(), targets.size(), false));
        }
        if (!fresh.isEmpty()) {
            insertEvents(connection, fresh, at);
            insertDeliveries(connection, fresh, at, leaseUntil, leased);
        }
        return published;
    }

    /** The deliveries count of those of {@code events} already stored, by id. */
    private static Map<String, Integer> storedEvents(Connection connection, List<NewEvent> events) throws SQLException {
        Map<String, Integer> stored = new HashMap<>();
        List<String> ids = events.stream().map(NewEvent::id).distinct().toList();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, deliveries FROM webhook_event WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 1, ids.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return stored;
    }

    private static void insertEvents(Connection connection, Map<NewEvent, List<Target>> fresh, LocalDateTime at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO webhook_event (id, event_type, deliveries, created_at) VALUES (?, ?, ?, ?)")) {
            for (var event : fresh.entrySet()) {
                insert.setString(1, event.getKey().id());
                insert.setString(2, event.getKey().type());
                insert.setInt(3, event.getValue().size());
                insert.setObject(4, at);
                if (fresh.size() == 1) {
                    insert.executeUpdate();
                } else {
                    insert.addBatch();
                }
            }
            if (fresh.size() > 1) {
                insert.executeBatch();
            }
        }
    }

    private static List<Subscriber> activeEndpoints(Connection connection) throws SQLException {
        List<Subscriber> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, name, events, retry_count, url, secret, previous_secret, previous_secret_until, timeout_seconds, "
                        + "is_healthy, breaker_open_until FROM webhook_endpoint WHERE is_active = TRUE");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(new Subscriber(rows.getString(1).trim(), rows.getString(2), Subscriptions.parse(rows.getString(3)),
                        rows.getInt(4), rows.getString(5), rows.getString(6), rows.getString(7),
                        rows.getObject(8, LocalDateTime.class), rows.getInt(9), rows.getBoolean(10),
                        rows.getObject(11, LocalDateTime.class)));
            }
        }
        return found;
    }

    private static void insertDeliveries(Connection connection, Map<NewEvent, List<Target>> fresh, LocalDateTime at,
                                         LocalDateTime leaseUntil, List<DeliveryStore.Claimed> leased) throws SQLException {
        if (fresh.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_delivery (id, endpoint_id, "
                + "event_id, event_type, payload, status, attempt_count, max_attempts, next_retry_at, created_at, "
                + "updated_at, claimed_until) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)")) {
            for (var event : fresh.entrySet()) {
                for (Target target : event.getValue()) {
                    String id = Ids.next();
                    Subscriber endpoint = target.endpoint();
                    insert.setString(1, id);
                    insert.setString(2, endpoint.id());
                    insert.setString(3, event.getKey().id());
                    insert.setString(4, event.getKey().type());
                    insert.setString(5, event.getKey().body());
                    insert.setString(6, DeliveryStore.PENDING);
                    insert.setInt(7, target.maxAttempts());
                    insert.setObject(8, at);
                    insert.setObject(9, at);
                    insert.setObject(10, at);
                    if (target.leased()) {
                        insert.setObject(11, leaseUntil);
                    } else {
                        insert.setNull(11, Types.TIMESTAMP);
                    }
                    insert.addBatch();
                    if (target.leased()) {
                        leased.add(new DeliveryStore.Claimed(id, endpoint.id(), event.getKey().type(), event.getKey().body(),
                                0, target.maxAttempts(), endpoint.url(), endpoint.secret(), endpoint.previousSecret(),
                                endpoint.previousSecretUntil(), endpoint.timeoutSeconds(), endpoint.healthy(),
                                endpoint.breakerOpenUntil(), 0, true));
                    }
                }
            }
            insert.executeBatch();
        }
    }
}
