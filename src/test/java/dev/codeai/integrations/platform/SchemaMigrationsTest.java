package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** Runs every migration on the embedded database and on the local PostgreSQL (a scratch schema). */
class SchemaMigrationsTest {
    private static final List<String> TABLES = List.of("webhook_endpoint", "webhook_delivery",
            "webhook_delivery_attempt", "external_api_cache", "rate_limit_bucket", "idempotent_request", "webhook_event");
    private static final String POSTGRES = System.getProperty("test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=root");

    @Test
    void createsEveryTableOnTheEmbeddedDatabase() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "migrations-test"));
        String url = "jdbc:h2:" + dir.toAbsolutePath().resolve("db-" + UUID.randomUUID()) + ";MODE=LEGACY";

        MigrateResult first = SchemaMigrations.on(url, Optional.empty()).migrate();
        MigrateResult second = SchemaMigrations.on(url, Optional.empty()).migrate();

        assertThat(first.migrationsExecuted).isPositive();
        assertThat(second.migrationsExecuted).isZero();
        try (Connection connection = DriverManager.getConnection(url)) {
            assertThat(tables(connection, null)).containsAll(TABLES);
        }
    }

    @Test
    void createsTheSchemaAndEveryTableOnPostgres() throws Exception {
        String schema = "codeai_test_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            MigrateResult result = SchemaMigrations.on(POSTGRES, Optional.of(schema)).migrate();

            assertThat(result.migrationsExecuted).isPositive();
            try (Connection connection = DriverManager.getConnection(POSTGRES);
                 Statement statement = connection.createStatement();
                 ResultSet index = statement.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '"
                         + schema + "' AND tablename = 'webhook_delivery' AND indexname LIKE 'webhook_delivery_%'")) {
                assertThat(tables(connection, schema)).containsAll(TABLES);
                List<String> indexes = new ArrayList<>();
                while (index.next()) {
                    indexes.add(index.getString(1) + ": " + index.getString(2));
                }
                // Migration 4: the claim index holds only deliveries still to send.
                assertThat(indexes).anySatisfy(definition -> assertThat(definition).startsWith("webhook_delivery_due: ")
                        .contains("(next_retry_at) WHERE").contains("'pending'").contains("'retrying'"));
                assertThat(indexes).noneMatch(definition -> definition.startsWith("webhook_delivery_next:"));
            }
        } finally {
            try (Connection connection = DriverManager.getConnection(POSTGRES);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static List<String> tables(Connection connection, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }
}
