package dev.codeai.integrations.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A row of {@code webhook_delivery}: one event to one endpoint (the example's {@code WebhookDelivery}).
 * {@code payload} holds the exact body sent on every attempt ({@code {"event","data","timestamp"}}). Written by
 * the engine with plain SQL ({@link DeliveryStore}); read here for the management API.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    @Id
    String id;
    @Column(name = "endpoint_id")
    String endpointId;
    @Column(name = "event_id")
    String eventId;
    @Column(name = "event_type")
    String eventType;
    String payload;
    String status;
    @Column(name = "attempt_count")
    int attemptCount;
    @Column(name = "max_attempts")
    int maxAttempts;
    @Column(name = "next_retry_at")
    LocalDateTime nextRetryAt;
    @Column(name = "last_attempt_at")
    LocalDateTime lastAttemptAt;
    @Column(name = "response_status_code")
    Integer responseStatusCode;
    @Column(name = "response_body")
    String responseBody;
    String error;
    @Column(name = "duration_ms")
    Long durationMs;
    @Column(name = "created_at")
    LocalDateTime createdAt;
    @Column(name = "updated_at")
    LocalDateTime updatedAt;

    protected WebhookDelivery() {
    }
}
