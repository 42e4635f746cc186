package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.platform.SchemaMigrations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.RedisClient;

/**
 * The stores of the invoke endpoint's idempotent requests against the real things: Redis on 127.0.0.1:6379, the
 * embedded H2 database and PostgreSQL (a scratch schema), each migrated by the product's own migrations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayStoreTest {

    private static final String POSTGRES = System.getProperty("test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=root");
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final ReplayAnswer ANSWER = new ReplayAnswer(201,
            Map.of("Content-Type", "application/json", "X-Integration-Attempts", "2"),
            "{\"id\":\"pi_1\"}".getBytes(StandardCharsets.UTF_8));

    private final String schema = "codeai_replay_" + UUID.randomUUID().toString().substring(0, 8);
    private RedisClient redis;
    private List<ReplayStore> stores;

    @BeforeAll
    void open() throws Exception {
        redis = SharedRedis.connect(URI.create("redis://127.0.0.1:6379"));
        Path dir = Files.createDirectories(Path.of("target", "replay-store-test"));
        String h2Url = "jdbc:h2:" + dir.toAbsolutePath().resolve("db-" + UUID.randomUUID()) + ";MODE=LEGACY";
        SchemaMigrations.on(h2Url, Optional.empty()).migrate();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url);
        SchemaMigrations.on(POSTGRES, Optional.of(schema)).migrate();
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(POSTGRES + "&currentSchema=" + schema);
        stores = List.of(new RedisReplayStore(redis, "test[" + UUID.randomUUID() + "]:"),
                new DatabaseReplayStore(h2), new DatabaseReplayStore(postgres));
    }

    @AfterAll
    void close() throws Exception {
        redis.close();
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    Stream<ReplayStore> stores() {
        return stores.stream();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aClaimedKeyIsRunningForOthersAndThenFinishedWithItsAnswer(ReplayStore store) {
        ReplayStore.Ticket first = ticket("fp-1");
        ReplayStore.Ticket duplicate = new ReplayStore.Ticket(first.id(), "fp-1", UUID.randomUUID().toString());

        assertThat(store.claim(first, LEASE, NOW)).containsInstanceOf(ReplayStore.Claimed.class);
        assertThat(store.claim(duplicate, LEASE, NOW)).contains(new ReplayStore.Running("fp-1"));
        store.complete(duplicate, ANSWER, Duration.ofHours(24), NOW);
        assertThat(store.claim(duplicate, LEASE, NOW)).as("only the owner completes").contains(new ReplayStore.Running("fp-1"));
        store.complete(first, ANSWER, Duration.ofHours(24), NOW);

        ReplayStore.Finished finished = (ReplayStore.Finished) store.claim(duplicate, LEASE, NOW).orElseThrow();
        assertThat(finished.fingerprint()).isEqualTo("fp-1");
        assertThat(finished.answer().status()).isEqualTo(201);
        assertThat(finished.answer().headers()).isEqualTo(ANSWER.headers());
        assertThat(finished.answer().body()).isEqualTo(ANSWER.body());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aReleasedKeyIsFreeAgain(ReplayStore store) {
        ReplayStore.Ticket first = ticket("fp");
        ReplayStore.Ticket next = new ReplayStore.Ticket(first.id(), "fp", UUID.randomUUID().toString());
        store.claim(first, LEASE, NOW);

        store.release(next);
        assertThat(store.claim(next, LEASE, NOW)).as("only the owner releases").contains(new ReplayStore.Running("fp"));
        store.release(first);

        assertThat(store.claim(next, LEASE, NOW)).containsInstanceOf(ReplayStore.Claimed.class);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void exactlyOneOfManyConcurrentClaimsWins(ReplayStore store) throws Exception {
        String id = ticket("fp").id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Optional<ReplayStore.Claim>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return store.claim(new ReplayStore.Ticket(id, "fp", UUID.randomUUID().toString()), LEASE, NOW);
                }));
            }
            start.countDown();
            long won = 0;
            for (Future<Optional<ReplayStore.Claim>> claim : claims) {
                won += claim.get().filter(c -> c instanceof ReplayStore.Claimed).isPresent() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aClaimWhoseOwnerVanishedLapsesAfterItsLease(ReplayStore store) throws Exception {
        ReplayStore.Ticket crashed = ticket("fp");
        ReplayStore.Ticket later = new ReplayStore.Ticket(crashed.id(), "fp", UUID.randomUUID().toString());
        Duration lease = store instanceof RedisReplayStore ? Duration.ofMillis(50) : LEASE;
        store.claim(crashed, lease, NOW);

        // Redis expires on its own clock; the database compares the caller's clock with the stored expiry.
        Instant afterLease = NOW.plus(LEASE).plusSeconds(1);
        Optional<ReplayStore.Claim> claim = store instanceof RedisReplayStore
                ? Poll.until(Duration.ofSeconds(5), () -> store.claim(later, LEASE, afterLease),
                        c -> c.filter(ReplayStore.Claimed.class::isInstance).isPresent())
                : store.claim(later, LEASE, afterLease);

        assertThat(claim).containsInstanceOf(ReplayStore.Claimed.class);
        store.complete(crashed, ANSWER, Duration.ofHours(1), afterLease);
        assertThat(store.claim(crashed, LEASE, afterLease)).as("the lapsed owner cannot overwrite the new claim")
                .contains(new ReplayStore.Running("fp"));
    }

    private static ReplayStore.Ticket ticket(String fingerprint) {
        return new ReplayStore.Ticket(UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef0123456789abcdef",
                fingerprint, UUID.randomUUID().toString());
    }
}
