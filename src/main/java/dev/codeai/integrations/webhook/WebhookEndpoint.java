package dev.codeai.integrations.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A row of {@code webhook_endpoint}: an application-managed subscriber (the example's {@code WebhookEndpoint}
 * entity), with its breaker state and, during a secret rotation, the previous secret until its grace period ends.
 * Times are UTC. The delivery engine updates the breaker and activity columns with plain SQL
 * ({@link DeliveryStore}); the shared cache is off, so every read sees them.
 */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint {

    @Id
    String id;
    String name;
    String url;
    String secret;
    /** The subscribed event types as a JSON array. */
    String events;
    @Column(name = "is_active")
    boolean active = true;
    @Column(name = "is_healthy")
    boolean healthy = true;
    @Column(name = "consecutive_failures")
    int consecutiveFailures;
    @Column(name = "retry_count")
    int retryCount = 5;
    @Column(name = "timeout_seconds")
    int timeoutSeconds = 30;
    @Column(name = "last_delivery_at")
    LocalDateTime lastDeliveryAt;
    @Column(name = "last_failure_at")
    LocalDateTime lastFailureAt;
    @Column(name = "previous_secret")
    String previousSecret;
    @Column(name = "previous_secret_until")
    LocalDateTime previousSecretUntil;
    @Column(name = "breaker_open_until")
    LocalDateTime breakerOpenUntil;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "updated_at")
    LocalDateTime updatedAt;

    protected WebhookEndpoint() {
    }

    WebhookEndpoint(String id, String name, String url, String secret, String events, LocalDateTime now) {
        this.id = id;
        this.name = name;
        this.url = url;
        this.secret = secret;
        this.events = events;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    // Changes go through methods of the entity itself: EclipseLink's weaving tracks writes made here, not writes to
    // its fields from other classes.

    void update(EndpointInput input, LocalDateTime now) {
        input.name().ifPresent(value -> name = value);
        input.url().ifPresent(value -> url = value);
        input.events().ifPresent(value -> events = Subscriptions.format(value));
        input.active().ifPresent(value -> active = value);
        input.timeoutSeconds().ifPresent(value -> timeoutSeconds = value);
        input.retryCount().ifPresent(value -> retryCount = value);
        updatedAt = now;
    }

    /** A new secret; the current one keeps signing beside it until {@code previousUntil}. */
    void rotate(String newSecret, LocalDateTime previousUntil, LocalDateTime now) {
        previousSecret = secret;
        previousSecretUntil = previousUntil;
        secret = newSecret;
        updatedAt = now;
    }
}
