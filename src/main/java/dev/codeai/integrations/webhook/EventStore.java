package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Ids;
import dev.codeai.integrations.platform.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** An endpoint a new event goes to. */
    record Target(String endpointId, int maxAttempts) {
    }

    /** What publishing an event id did: the deliveries it created, or (a repeat) those of its first publication. */
    record Published(String eventId, int deliveries, boolean repeat) {
    }

    /** An active endpoint, for fan-out. */
    record Subscriber(String id, String name, List<String> events, int retryCount) {
    }

    /** An event to store: its id, type and the body every attempt sends. */
    record NewEvent(String id, String type, String body) {
    }

    /**
     * Records each event id and one pending delivery, due now, per target that {@code targeting} picks for it among
     * the active endpoints (read in the same transaction), all in one transaction: every event is stored, or none. An
     * id stored before, or earlier in {@code events}, creates nothing and answers what its first publication did.
     */
    List<Published> publish(List<NewEvent> events, BiFunction<List<Subscriber>, NewEvent, List<Target>> targeting,
                            Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // One event: insert and let the key say whether it is a repeat. Several: look their ids up first.
            // A concurrent publication of the same id makes the insert fail; then the look-up sees it.
            boolean lookUp = events.size() > 1;
            for (int round = 1; ; round++) {
                try {
                    List<Published> published = publish(connection, events, targeting, DeliveryStore.utc(now), lookUp);
                    connection.commit();
                    return published;
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
                                           LocalDateTime at, boolean lookUp) throws SQLException {
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
            insertDeliveries(connection, fresh, at);
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
                "SELECT id, name, events, retry_count FROM webhook_endpoint WHERE is_active = TRUE");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(new Subscriber(rows.getString(1).trim(), rows.getString(2), Subscriptions.parse(rows.getString(3)),
                        rows.getInt(4)));
            }
        }
        return found;
    }

    private static void insertDeliveries(Connection connection, Map<NewEvent, List<Target>> fresh, LocalDateTime at)
            throws SQLException {
        if (fresh.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_delivery (id, endpoint_id, "
                + "event_id, event_type, payload, status, attempt_count, max_attempts, next_retry_at, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)")) {
            for (var event : fresh.entrySet()) {
                for (Target target : event.getValue()) {
                    insert.setString(1, Ids.next());
                    insert.setString(2, target.endpointId());
                    insert.setString(3, event.getKey().id());
                    insert.setString(4, event.getKey().type());
                    insert.setString(5, event.getKey().body());
                    insert.setString(6, DeliveryStore.PENDING);
                    insert.setInt(7, target.maxAttempts());
                    insert.setObject(8, at);
                    insert.setObject(9, at);
                    insert.setObject(10, at);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
