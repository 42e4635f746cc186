package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Jsons;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** The JSON shapes of the webhook API (example README; snake_case by the application's JSON-B config). */
public final class WebhookViews {

    private WebhookViews() {
    }

    @JsonbPropertyOrder({"id", "name", "url", "secret", "events", "isActive", "isHealthy", "consecutiveFailures",
            "retryCount", "timeoutSeconds", "lastDeliveryAt", "lastFailureAt", "createdAt", "updatedAt"})
    public record Endpoint(String id, String name, String url, String secret, List<String> events, boolean isActive,
                           boolean isHealthy, int consecutiveFailures, int retryCount, int timeoutSeconds,
                           Instant lastDeliveryAt, Instant lastFailureAt, Instant createdAt, Instant updatedAt) {

        /** {@code showSecret}: only the answers of create and rotate show the full secret (DSL.md signature rules). */
        static Endpoint of(WebhookEndpoint e, boolean showSecret) {
            return new Endpoint(e.id, e.name, e.url, showSecret ? e.secret : WebhookSecrets.MASKED,
                    Subscriptions.parse(e.events), e.active, e.healthy, e.consecutiveFailures, e.retryCount,
                    e.timeoutSeconds, at(e.lastDeliveryAt), at(e.lastFailureAt), at(e.createdAt), at(e.updatedAt));
        }
    }

    @JsonbPropertyOrder({"id", "endpointId", "eventId", "eventType", "status", "attemptCount", "maxAttempts",
            "nextRetryAt", "lastAttemptAt", "responseStatusCode", "responseBody", "error", "durationMs", "payload",
            "createdAt", "updatedAt"})
    public record Delivery(String id, String endpointId, String eventId, String eventType, String status,
                           int attemptCount, int maxAttempts, Instant nextRetryAt, Instant lastAttemptAt,
                           Integer responseStatusCode, String responseBody, String error, Long durationMs,
                           JsonValue payload, Instant createdAt, Instant updatedAt) {

        static Delivery of(WebhookDelivery d) {
            boolean open = DeliveryStore.PENDING.equals(d.status) || DeliveryStore.RETRYING.equals(d.status);
            return new Delivery(d.id.trim(), d.endpointId.trim(), d.eventId, d.eventType, d.status, d.attemptCount,
                    d.maxAttempts, open ? at(d.nextRetryAt) : null, at(d.lastAttemptAt), d.responseStatusCode,
                    d.responseBody, d.error, d.durationMs, json(d.payload), at(d.createdAt), at(d.updatedAt));
        }
    }

    /** A delivery with its attempts, oldest first ({@code GET /webhooks/deliveries/{id}}). */
    @JsonbPropertyOrder({"delivery", "attempts"})
    public record DeliveryDetail(Delivery delivery, List<AttemptView> attempts) {
    }

    /** One attempt: the headers it sent (signatures included, never a secret), the answer and how long it took. */
    @JsonbPropertyOrder({"attemptNumber", "requestHeaders", "responseStatusCode", "responseBody", "durationMs", "error",
            "createdAt"})
    public record AttemptView(int attemptNumber, JsonValue requestHeaders, Integer responseStatusCode, String responseBody,
                              Long durationMs, String error, Instant createdAt) {

        static AttemptView of(WebhookDeliveryAttempt a) {
            JsonValue headers = a.requestHeaders == null ? JsonValue.EMPTY_JSON_OBJECT : json(a.requestHeaders);
            return new AttemptView(a.attemptNumber, headers, a.responseStatusCode, a.responseBody, a.durationMs, a.error,
                    at(a.createdAt));
        }
    }

    @JsonbPropertyOrder({"data", "pagination"})
    public record Page<T>(List<T> data, Pagination pagination) {
    }

    @JsonbPropertyOrder({"page", "limit", "total", "totalPages", "hasNext", "hasPrevious"})
    public record Pagination(int page, int limit, long total, long totalPages, boolean hasNext, boolean hasPrevious) {

        static Pagination of(int page, int limit, long total) {
            long pages = (total + limit - 1) / limit;
            return new Pagination(page, limit, total, pages, page < pages, page > 1);
        }
    }

    /** The answer of {@code POST /events}. */
    public record Accepted(String id, int deliveries) {
    }

    /** The answer of {@code POST /events/batch}: each event's result in order, and the deliveries created in all. */
    @JsonbPropertyOrder({"events", "deliveries"})
    public record AcceptedBatch(List<Accepted> events, int deliveries) {
    }

    /** The answer of {@code POST /webhooks/{id}/recover}. */
    public record Recovered(String id, int recovered) {
    }

    static Instant at(LocalDateTime utc) {
        return DeliveryStore.instant(utc).orElse(null);
    }

    private static JsonValue json(String text) {
        try (var reader = Jsons.PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
