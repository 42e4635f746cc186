package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeai.integrations.platform.SchemaMigrations;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A claim or a publication whose connection fails half-way rolls its transaction back before giving the connection up:
 * uncommitted work left on a connection makes Liberty roll back the local transaction of the calling EJB method and
 * fail that method, and a failed EJB timer method stops the dispatch timer for minutes (bench/chaos, PostgreSQL
 * outage).
 */
class DeliveryStoreRollbackTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final List<String> calls = new ArrayList<>();
    private JdbcDataSource h2;
    private String failOn;

    @BeforeEach
    void database() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "delivery-store-rollback-test"));
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.toAbsolutePath().resolve("db-" + UUID.randomUUID()) + ";MODE=LEGACY");
        SchemaMigrations.on(h2, Optional.empty()).migrate();
    }

    @Test
    void aClaimThatLosesItsConnectionRollsBack() {
        DeliveryStore store = store();
        String endpoint = endpoint(store);
        events(store).publish(List.of(new EventStore.NewEvent("e-1", "test", "{}")),
                (active, event) -> targets(active, endpoint), NOW, NOW.plusSeconds(35));
        failOn = "UPDATE webhook_delivery SET claimed_until";
        calls.clear();

        assertThatThrownBy(() -> store.claim(10, NOW.plusSeconds(1), NOW.plusSeconds(60), Set.of()))
                .isInstanceOf(RuntimeException.class);
        assertThat(calls).containsSubsequence("rollback", "close").doesNotContain("commit");
    }

    @Test
    void aPublicationThatLosesItsConnectionRollsBack() {
        DeliveryStore store = store();
        String endpoint = endpoint(store);
        failOn = "INSERT INTO webhook_delivery ";
        calls.clear();

        assertThatThrownBy(() -> events(store).publish(List.of(new EventStore.NewEvent("e-2", "test", "{}")),
                (active, event) -> targets(active, endpoint), NOW, NOW.plusSeconds(35)))
                .isInstanceOf(RuntimeException.class);
        assertThat(calls).containsSubsequence("rollback", "close").doesNotContain("commit");
        failOn = null;
        assertThat(events(store).publish(List.of(new EventStore.NewEvent("e-2", "test", "{}")),
                (active, event) -> targets(active, endpoint), NOW, NOW.plusSeconds(35)).published().get(0).repeat())
                .as("nothing of the failed publication was stored").isFalse();
    }

    private static List<EventStore.Target> targets(List<EventStore.Subscriber> active, String endpoint) {
        return active.stream().filter(e -> e.id().equals(endpoint)).map(e -> new EventStore.Target(e, 3, false)).toList();
    }

    /** Publishing over the same failing connections as {@code store}. */
    private static EventStore events(DeliveryStore store) {
        EventStore events = new EventStore();
        events.dataSource = store.dataSource;
        return events;
    }

    private DeliveryStore store() {
        DeliveryStore store = new DeliveryStore();
        store.dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, h2, args);
                    return method.getName().equals("getConnection") ? failing((Connection) result) : result;
                });
        store.detect();
        return store;
    }

    /** A connection that records its commits, rollbacks and closes, and fails (as if lost) on a statement starting with failOn. */
    private Connection failing(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("commit") || name.equals("rollback") || name.equals("close")) {
                        calls.add(name);
                    }
                    if (name.equals("prepareStatement") && failOn != null && ((String) args[0]).startsWith(failOn)) {
                        throw new SQLTransientConnectionException("connection lost", "08006");
                    }
                    return invoke(method, real, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String endpoint(DeliveryStore store) {
        String id = UUID.randomUUID().toString();
        store.update("INSERT INTO webhook_endpoint (id, name, url, secret, events, created_at, updated_at) "
                + "VALUES (?, 'test', 'http://127.0.0.1/', 'whsec_x', '[\"*\"]', ?, ?)", id, DeliveryStore.utc(NOW),
                DeliveryStore.utc(NOW));
        return id;
    }
}
