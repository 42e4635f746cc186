package dev.codeai.integrations.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A row of {@code webhook_delivery_attempt}: one HTTP attempt of a delivery, as recorded by the engine. */
@Entity
@Table(name = "webhook_delivery_attempt")
public class WebhookDeliveryAttempt {

    @Id
    String id;
    @Column(name = "delivery_id")
    String deliveryId;
    @Column(name = "attempt_number")
    int attemptNumber;
    @Column(name = "request_headers")
    String requestHeaders;
    @Column(name = "response_status_code")
    Integer responseStatusCode;
    @Column(name = "response_body")
    String responseBody;
    @Column(name = "duration_ms")
    Long durationMs;
    String error;
    @Column(name = "created_at")
    LocalDateTime createdAt;

    protected WebhookDeliveryAttempt() {
    }
}
