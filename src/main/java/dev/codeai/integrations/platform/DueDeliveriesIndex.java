package dev.codeai.integrations.platform;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 4, for PostgreSQL only (on other databases it changes nothing): the claim query's index holds only the
 * deliveries still to send. V3's plain index on {@code next_retry_at} also held every finished delivery (a btree
 * indexes NULLs) and the dead entries their updates left, so under a burst each claim walked past all deliveries
 * sent so far and the planner, its statistics behind the burst, fell back to scanning the whole table (50 ms per
 * claim at 50,000 rows). Free space on every page lets a claim's lease update stay on its page (HOT), and the table
 * is vacuumed and analysed after 2 % of it changed rather than 20 %.
 */
final class DueDeliveriesIndex implements JavaMigration {

    private static final List<String> POSTGRES = List.of(
            "CREATE INDEX webhook_delivery_due ON webhook_delivery (next_retry_at) WHERE status IN ('pending', 'retrying')",
            "DROP INDEX webhook_delivery_next",
            "ALTER TABLE webhook_delivery SET (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.02, "
                    + "autovacuum_analyze_scale_factor = 0.02)");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "due deliveries index (PostgreSQL)";
    }

    @Override
    public Integer getChecksum() {
        return String.join(";", POSTGRES).hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : POSTGRES) {
                statement.execute(sql);
            }
        }
    }
}
