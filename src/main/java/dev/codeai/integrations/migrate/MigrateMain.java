package dev.codeai.integrations.migrate;

import dev.codeai.integrations.platform.DatabaseUrl;
import dev.codeai.integrations.platform.SchemaMigrations;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code migrate up|info}: applies or lists migrations on {@code DATABASE_URL} (jdbc: or postgres:// form),
 * or, when it is unset, on the embedded database of the server whose output directory is given by the
 * system property {@code codeai.server.dir}. Exit code 0 on success, 1 on a database error, 2 on bad usage.
 */
public final class MigrateMain {
    /** Held so the level sticks: Flyway's INFO lines would drown the command's own output. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    private MigrateMain() {
    }

    public static void main(String[] args) {
        FLYWAY_LOG.setLevel(Level.WARNING);
        if (args.length != 1 || !(args[0].equals("up") || args[0].equals("info"))) {
            System.err.println("usage: codeai migrate up|info");
            System.exit(2);
        }
        Optional<String> schema = Optional.ofNullable(System.getenv("DATABASE_SCHEMA")).filter(s -> !s.isBlank());
        String jdbcUrl;
        try {
            jdbcUrl = target();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Database: " + DatabaseUrl.redacted(jdbcUrl));
        try {
            SchemaMigrations migrations = SchemaMigrations.on(jdbcUrl, schema);
            if (args[0].equals("up")) {
                up(migrations);
            } else {
                info(migrations);
            }
        } catch (FlywayException e) {
            System.err.println("error: " + explain(e, jdbcUrl));
            System.exit(1);
        }
    }

    private static String target() {
        String url = System.getenv("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return DatabaseUrl.parse(url).jdbc();
        }
        String serverDir = System.getProperty("codeai.server.dir");
        if (serverDir == null) {
            throw new IllegalArgumentException("set DATABASE_URL or -Dcodeai.server.dir");
        }
        return "jdbc:h2:" + Path.of(serverDir, "data", "codeai-db").toAbsolutePath() + ";MODE=LEGACY";
    }

    private static void up(SchemaMigrations migrations) {
        MigrateResult result = migrations.migrate();
        result.migrations.forEach(m -> System.out.println("Applied V" + m.version + " " + m.description
                + " (" + m.executionTime + " ms)"));
        System.out.println(result.migrationsExecuted == 0
                ? "Schema is up to date at version " + result.initialSchemaVersion
                : "Applied " + result.migrationsExecuted + " migration(s); schema now at version "
                        + result.targetSchemaVersion);
    }

    private static void info(SchemaMigrations migrations) {
        System.out.printf("%-8s %-40s %-10s %s%n", "Version", "Description", "State", "Installed on");
        for (MigrationInfo m : migrations.all()) {
            System.out.printf("%-8s %-40s %-10s %s%n", m.getVersion(), m.getDescription(),
                    m.getState().getDisplayName(), m.getInstalledOn() == null ? "" : m.getInstalledOn());
        }
    }

    private static String explain(FlywayException e, String jdbcUrl) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (jdbcUrl.startsWith("jdbc:h2:") && String.valueOf(t.getMessage()).contains("already in use")) {
                return "the embedded database is in use by a running server; stop the server (Ctrl-C in"
                        + " ./codeai run) and try again, or point DATABASE_URL at a shared database";
            }
            root = t;
        }
        String summary = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return root == e ? summary : summary + " (" + root.getMessage() + ")";
    }
}
