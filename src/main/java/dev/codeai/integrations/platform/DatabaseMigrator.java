package dev.codeai.integrations.platform;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies pending migrations to {@code jdbc/codeai} when the application starts, before any other
 * start-up observer runs; a failed migration fails the application start.
 */
@ApplicationScoped
public class DatabaseMigrator {
    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = "jdbc/codeai")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "DATABASE_SCHEMA")
    Optional<String> schema;

    private volatile boolean done;

    /** Whether the schema is migrated: the engine's timers, which start with the EJB container, wait for it. */
    public boolean done() {
        return done;
    }

    void migrateOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE)
                        @Initialized(ApplicationScoped.class) Object started) {
        try {
            MigrateResult result = SchemaMigrations.on(dataSource, schema).migrate();
            done = true;
            LOG.info(() -> "Database migrations: applied " + result.migrationsExecuted
                    + (result.migrations.isEmpty() ? "" : " " + result.migrations.stream()
                            .map(m -> "V" + m.version + " " + m.description).toList())
                    + ", schema now at version " + (result.targetSchemaVersion == null
                            ? result.initialSchemaVersion : result.targetSchemaVersion)
                    + " (" + result.database + ")");
        } catch (FlywayException e) {
            throw new IllegalStateException("Database migration failed, the application will not start: "
                    + e.getMessage(), e);
        }
    }
}
