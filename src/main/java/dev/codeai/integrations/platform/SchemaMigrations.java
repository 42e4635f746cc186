package dev.codeai.integrations.platform;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The product's versioned SQL migrations ({@code db/migration}), configured the same way for the server
 * start-up and for {@code ./codeai migrate}. The scripts are plain SQL that H2 and PostgreSQL both accept; what only
 * one database needs is a Java migration ({@link DueDeliveriesIndex}) registered here.
 * The empty {@code flyway.location} files let Flyway find {@code db/migration} and its always-probed
 * {@code db/callback} inside a packed WAR on Liberty.
 */
public final class SchemaMigrations {
    private static final String LOCATION = "classpath:db/migration";

    private final Flyway flyway;

    private SchemaMigrations(FluentConfiguration configuration, Optional<String> schema) {
        schema.filter(s -> !s.isBlank()).ifPresent(s -> configuration.schemas(s).createSchemas(true));
        this.flyway = configuration.locations(LOCATION).load();
    }

    /** Migrations over a container-managed data source; {@code schema} is created when missing. */
    public static SchemaMigrations on(DataSource dataSource, Optional<String> schema) {
        return new SchemaMigrations(configure().dataSource(dataSource), schema);
    }

    /** Migrations over a JDBC URL that carries its own credentials, if any. */
    public static SchemaMigrations on(String jdbcUrl, Optional<String> schema) {
        return new SchemaMigrations(configure().dataSource(jdbcUrl, null, null), schema);
    }

    private static FluentConfiguration configure() {
        return Flyway.configure(SchemaMigrations.class.getClassLoader()).failOnMissingLocations(true)
                .javaMigrations(new DueDeliveriesIndex());
    }

    public MigrateResult migrate() {
        return flyway.migrate();
    }

    public MigrationInfo[] all() {
        return flyway.info().all();
    }
}
