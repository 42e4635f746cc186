package dev.codeai.integrations.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A row of Flyway's history table: Flyway writes it, the application only reads and reports it.
 * Names are quoted because Flyway creates them in lower case on every database.
 */
@Entity
@Table(name = "\"flyway_schema_history\"")
public class AppliedMigration {
    @Id
    @Column(name = "\"installed_rank\"")
    private int rank;

    @Column(name = "\"version\"", insertable = false, updatable = false)
    private String version;

    @Column(name = "\"description\"", insertable = false, updatable = false)
    private String description;

    @Column(name = "\"installed_on\"", insertable = false, updatable = false)
    private LocalDateTime installedOn;

    @Column(name = "\"success\"", insertable = false, updatable = false)
    private boolean success;

    protected AppliedMigration() {
    }

    /** What {@code GET /platform/migrations} shows for one applied migration. */
    public record View(int rank, String version, String description, LocalDateTime installedOn, boolean success) {
    }

    public View view() {
        return new View(rank, version, description, installedOn, success);
    }
}
