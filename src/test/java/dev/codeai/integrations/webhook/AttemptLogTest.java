package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.dsl.model.CircuitBreakerSpec;
import dev.codeai.integrations.platform.SchemaMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Batched attempt outcomes (AttemptLog) on the embedded database and on PostgreSQL: one transaction writes every
 * attempt and delivery, and each endpoint's breaker columns end as if the outcomes had been written one by one
 * (DSL.md §5.6 "Per-target breaker", threshold 3 here).
 */
class AttemptLogTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String SCHEMA = "codeai_attempts_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String POSTGRES = System.getProperty("test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=root");
    private static final WebhookSettings SETTINGS = new WebhookSettings() {
        @Override
        public Optional<CircuitBreakerSpec> breaker() {
            return Optional.of(new CircuitBreakerSpec(3, Optional.empty(), Duration.ofMinutes(5), 1, true));
        }
    };
    private static final Redelivery.Decision DELIVERED = new Redelivery.Decision("delivered", Optional.empty(), false, true);
    private static final Redelivery.Decision RETRYING =
            new Redelivery.Decision("retrying", Optional.of(NOW.plusSeconds(60)), false, false);
    private static final Redelivery.Decision GONE = new Redelivery.Decision("failed", Optional.empty(), true, false);

    /** The embedded database and PostgreSQL (a schema of its own), migrated. */
    static Stream<DataSource> databases() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "attempt-log-test"));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.toAbsolutePath().resolve("db-" + UUID.randomUUID()) + ";MODE=LEGACY");
        SchemaMigrations.on(h2, Optional.empty()).migrate();
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(POSTGRES + "&currentSchema=" + SCHEMA);
        SchemaMigrations.on(postgres, Optional.of(SCHEMA)).migrate();
        return Stream.of(h2, postgres);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(POSTGRES);
        try (Connection connection = postgres.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void writesABatchAndOpensTheBreakerOfTheEndpointThatFailedThreeTimes(DataSource database) throws Exception {
        Fixture fixture = new Fixture(database);
        String good = fixture.endpoint();
        String bad = fixture.endpoint();
        List<DeliveryStore.Claimed> claimed = fixture.claim(List.of(good, bad, bad, good, bad));

        List<AttemptLog.Recorded> recorded = fixture.log.record(List.of(outcome(claimed.get(0), 204, DELIVERED),
                outcome(claimed.get(1), 500, RETRYING), outcome(claimed.get(2), 500, RETRYING),
                outcome(claimed.get(3), 200, DELIVERED), outcome(claimed.get(4), 503, RETRYING)));

        assertThat(recorded).extracting(AttemptLog.Recorded::breakerOpenedAfter)
                .containsExactly(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(3));
        assertThat(fixture.text("SELECT is_healthy, consecutive_failures FROM webhook_endpoint WHERE id = ?", bad))
                .isEqualTo("false 3");
        assertThat(fixture.text("SELECT is_healthy, consecutive_failures FROM webhook_endpoint WHERE id = ?", good))
                .isEqualTo("true 0");
        assertThat(fixture.text("SELECT COUNT(*) FROM webhook_delivery_attempt", null)).isEqualTo("5");
        assertThat(fixture.text("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'retrying' AND attempt_count = 1 "
                + "AND claimed_until IS NULL AND next_retry_at IS NOT NULL", null)).isEqualTo("3");
        assertThat(fixture.text("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'delivered' AND next_retry_at IS NULL",
                null)).isEqualTo("2");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSuccessAfterFailuresInOneBatchResetsTheCountAndTheFailuresAfterItCountAgain(DataSource database)
            throws Exception {
        Fixture fixture = new Fixture(database);
        String endpoint = fixture.endpoint();
        List<DeliveryStore.Claimed> claimed = fixture.claim(List.of(endpoint, endpoint, endpoint, endpoint));

        List<AttemptLog.Recorded> recorded = fixture.log.record(List.of(outcome(claimed.get(0), 500, RETRYING),
                outcome(claimed.get(1), 500, RETRYING), outcome(claimed.get(2), 200, DELIVERED),
                outcome(claimed.get(3), 500, RETRYING)));

        assertThat(recorded).allSatisfy(r -> assertThat(r.breakerOpenedAfter()).isEmpty());
        assertThat(fixture.text("SELECT is_healthy, consecutive_failures FROM webhook_endpoint WHERE id = ?", endpoint))
                .isEqualTo("true 1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSuccessOfAnOpenEndpointClosesItAndSaysHowLongItWasOpen(DataSource database) throws Exception {
        Fixture fixture = new Fixture(database);
        String endpoint = fixture.endpoint();
        List<DeliveryStore.Claimed> failing = fixture.claim(List.of(endpoint, endpoint, endpoint));
        fixture.log.record(failing.stream().map(d -> outcome(d, 500, RETRYING)).toList());
        DeliveryStore.Claimed probe = fixture.claim(List.of(endpoint)).get(0);

        AttemptLog.Recorded closed = fixture.log.record(new AttemptLog.Outcome(probe, answer(200), DELIVERED, true,
                NOW.plusSeconds(90)));

        assertThat(probe.healthy()).isFalse();
        assertThat(closed.breakerClosedAfter()).contains(Duration.ofSeconds(90));
        assertThat(fixture.text("SELECT is_healthy, consecutive_failures FROM webhook_endpoint WHERE id = ?", endpoint))
                .isEqualTo("true 0");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSuccessLessThanASecondAfterTheRecordedOneLeavesTheHealthyEndpointAloneButOneAfterFailuresResetsIt(
            DataSource database) throws Exception {
        Fixture fixture = new Fixture(database);
        String endpoint = fixture.endpoint();
        List<DeliveryStore.Claimed> claimed = fixture.claim(List.of(endpoint, endpoint, endpoint, endpoint, endpoint));
        String state = "SELECT is_healthy, consecutive_failures, last_delivery_at FROM webhook_endpoint WHERE id = ?";

        fixture.log.record(List.of(at(claimed.get(0), 204, DELIVERED, 0)));
        fixture.log.record(List.of(at(claimed.get(1), 204, DELIVERED, 900)));
        assertThat(fixture.text(state, endpoint)).isEqualTo("true 0 2026-12-03 10:00:00.0");

        fixture.log.record(List.of(at(claimed.get(2), 204, DELIVERED, 1_000)));
        assertThat(fixture.text(state, endpoint)).isEqualTo("true 0 2026-12-03 10:00:01.0");

        fixture.log.record(List.of(at(claimed.get(3), 500, RETRYING, 1_100)));
        fixture.log.record(List.of(at(claimed.get(4), 204, DELIVERED, 1_200)));
        assertThat(fixture.text(state, endpoint)).isEqualTo("true 0 2026-12-03 10:00:01.2");
        assertThat(fixture.text("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'delivered'", null)).isEqualTo("4");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeletedDeliveryIsGoneAndTheRestOfTheBatchIsStillWritten(DataSource database) throws Exception {
        Fixture fixture = new Fixture(database);
        String endpoint = fixture.endpoint();
        String other = fixture.endpoint();
        List<DeliveryStore.Claimed> claimed = fixture.claim(List.of(endpoint, other));
        fixture.store.update("DELETE FROM webhook_delivery WHERE id = ?", claimed.get(0).id());

        List<AttemptLog.Recorded> recorded = fixture.log.record(List.of(outcome(claimed.get(0), 200, DELIVERED),
                outcome(claimed.get(1), 410, GONE)));

        assertThat(recorded.get(0).gone()).isTrue();
        assertThat(recorded.get(1).gone()).isFalse();
        assertThat(fixture.text("SELECT COUNT(*) FROM webhook_delivery_attempt", null)).isEqualTo("1");
        assertThat(fixture.text("SELECT is_active FROM webhook_endpoint WHERE id = ?", other)).isEqualTo("false");
    }

    private static AttemptLog.Outcome outcome(DeliveryStore.Claimed delivery, int status, Redelivery.Decision decision) {
        return new AttemptLog.Outcome(delivery, answer(status), decision, true, NOW);
    }

    private static AttemptLog.Outcome at(DeliveryStore.Claimed delivery, int status, Redelivery.Decision decision,
                                         long millisAfterNow) {
        return new AttemptLog.Outcome(delivery, answer(status), decision, true, NOW.plusMillis(millisAfterNow));
    }

    private static Attempt answer(int status) {
        return new Attempt(Optional.of(status), "{}", 3, null, Optional.empty(), "{}", false);
    }

    /** A clean set of webhook tables with the store and log over them. */
    static final class Fixture {

        final DeliveryStore store = new DeliveryStore();
        final EventStore publisher = new EventStore();
        final AttemptLog log;

        Fixture(DataSource database) throws Exception {
            store.dataSource = database;
            publisher.dataSource = database;
            store.detect();
            for (String table : List.of("webhook_delivery_attempt", "webhook_delivery", "webhook_event", "webhook_endpoint")) {
                store.update("DELETE FROM " + table);
            }
            log = new AttemptLog(database, SETTINGS);
        }

        String endpoint() {
            String id = UUID.randomUUID().toString();
            store.update("INSERT INTO webhook_endpoint (id, name, url, secret, events, created_at, updated_at) "
                    + "VALUES (?, 'test', 'http://127.0.0.1/', 'whsec_x', '[\"*\"]', ?, ?)", id,
                    DeliveryStore.utc(NOW), DeliveryStore.utc(NOW));
            return id;
        }

        /** Publishes the event to the endpoint, its delivery leased to this instance or not. */
        EventStore.Stored publish(String event, String endpoint, boolean leased) {
            return publisher.publish(List.of(new EventStore.NewEvent(event, "test", "{\"n\":1}")),
                    (active, stored) -> active.stream().filter(e -> e.id().equals(endpoint))
                            .map(e -> new EventStore.Target(e, 3, leased)).toList(), NOW, NOW.plusSeconds(35));
        }

        /** One new delivery per endpoint listed, claimed, in that order. */
        List<DeliveryStore.Claimed> claim(List<String> endpoints) {
            List<String> events = new ArrayList<>();
            for (String endpoint : endpoints) {
                String event = UUID.randomUUID().toString();
                publish(event, endpoint, false);
                events.add(event);
            }
            List<DeliveryStore.Claimed> claimed = new ArrayList<>(store.claim(100, NOW.plusSeconds(1), NOW.plusSeconds(60),
                    Set.of()));
            List<String> order = new ArrayList<>();
            for (String event : events) {
                order.add(text("SELECT id FROM webhook_delivery WHERE event_id = ?", event));
            }
            claimed.sort(java.util.Comparator.comparingInt(d -> order.indexOf(d.id())));
            assertThat(claimed).hasSize(endpoints.size());
            return claimed;
        }

        String text(String sql, String parameter) {
            try (Connection connection = store.dataSource().getConnection();
                 var statement = connection.prepareStatement(sql)) {
                if (parameter != null) {
                    statement.setString(1, parameter);
                }
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                        values.add(String.valueOf(row.getObject(i)).trim().toLowerCase());
                    }
                    return String.join(" ", values);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
