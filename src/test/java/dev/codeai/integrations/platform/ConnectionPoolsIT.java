package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.dsl.Loader;
import dev.codeai.integrations.integration.Gateway;
import dev.codeai.integrations.integration.Poll;
import dev.codeai.integrations.security.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server holds a fixed number of database connections from its start: both pools (DB_POOL_SIZE and
 * DB_ENGINE_POOL_SIZE of the second IT server, which names its connections) are open as soon as it is ready, and a
 * burst of requests neither opens more nor leaves fewer. Counted by PostgreSQL itself in pg_stat_activity. The first
 * IT server sets no DB_POOL_SIZE, so its requests' pool has the DSL's {@code pool_size} (Liberty's own pool metrics);
 * the second one's bootstrap property overrides it.
 */
class ConnectionPoolsIT {

    private static final String DATABASE = System.getProperty("it.database.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=root");
    private static final String APPLICATION = System.getProperty("it.second.applicationName", "codeai_it-it2");
    private static final int POOLS = Integer.getInteger("it.second.dbPoolSize", 8)
            + Integer.getInteger("it.second.dbEnginePoolSize", 3);

    @Test
    void withoutDbPoolSizeTheRequestsPoolHasTheDslsPoolSize() throws Exception {
        Path dsl = Path.of(System.getProperty("it.dsl", "examples/integrations.cai"));
        int poolSize = Loader.load(dsl.toString(), Files.readString(dsl)).spec().orElseThrow().config().database()
                .orElseThrow().poolSize().orElseThrow();
        assertThat(poolSize).as("the example's pool_size, not server.xml's default").isNotEqualTo(10);

        HttpResponse<String> metrics = Gateway.send("GET", "/metrics?scope=vendor", Optional.empty(), Optional.empty(), "");

        assertThat(metrics.body()).contains(
                "connectionpool_managedConnections{datasource=\"jdbc_codeai\",mp_scope=\"vendor\",} " + poolSize + ".0");
    }

    @Test
    void bothPoolsAreOpenFromTheStartAndStayAtTheirSize() throws Exception {
        SecondServer.stop();
        assertThat(Poll.until(Duration.ofSeconds(30), ConnectionPoolsIT::connections, n -> n == 0))
                .as("the stopped server's connections are closed").isZero();

        SecondServer.start();

        assertThat(connections()).as("connections as soon as the server is ready").isEqualTo(POOLS);
        burst(64);
        assertThat(connections()).as("connections after 64 concurrent requests").isEqualTo(POOLS);
    }

    /** {@code count} concurrent management requests, each of which reads the database; every one must succeed. */
    private static void burst(int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            HttpClient http = HttpClient.newBuilder().executor(threads).build();
            String token = TestTokens.admin();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(SecondServer.BASE_URL + "/webhooks?limit=5"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static int connections() throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE);
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?")) {
            count.setString(1, APPLICATION);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
