package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Ids;
import dev.codeai.integrations.platform.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The attempts made by hand (DSL.md §5.6 "Test delivery", dead-letter rules "Manual retry"): one synchronous
 * attempt each, outside the schedule and the endpoint's breaker, never followed by automatic ones; and recovery,
 * which gives an endpoint's failed deliveries since a time a new schedule.
 */
@ApplicationScoped
public class ManualDeliveries {

    /** How long a manual attempt holds its delivery against other instances. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    /** The event type of test deliveries (DSL.md §5.6 "Test delivery"). */
    static final String TEST_EVENT = "webhook.test";

    @Inject
    DeliveryStore store;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    WebhookSettings settings;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "codeai")
    EntityManager entities;

    WebhookViews.Delivery test(String endpointId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String body = Jsons.PROVIDER.createObjectBuilder().add("event", TEST_EVENT).add("data", JsonValue.EMPTY_JSON_OBJECT)
                .add("timestamp", now.toString()).build().toString();
        String id = Ids.next();
        // Stored as finished (failed until the attempt below says otherwise): the dispatcher never claims it, and
        // that attempt is its only one.
        store.update("INSERT INTO webhook_delivery (id, endpoint_id, event_id, event_type, payload, status, attempt_count, "
                        + "max_attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'failed', 0, 1, ?, ?)",
                id, endpointId, Ids.next(), TEST_EVENT, body, DeliveryStore.utc(now), DeliveryStore.utc(now));
        attempt(id, now);
        return view(id);
    }

    WebhookViews.Delivery retry(String deliveryId) {
        String status = store.status(deliveryId).orElseThrow(() -> new WebhookProblems.UnknownDelivery(deliveryId));
        if (DeliveryStore.PENDING.equals(status) || DeliveryStore.RETRYING.equals(status)) {
            throw new WebhookProblems.StillScheduled(deliveryId, status);
        }
        attempt(deliveryId, clock.instant());
        return view(deliveryId);
    }

    /**
     * Gives the endpoint's failed deliveries since {@code since} (their last attempt, or when they failed unattempted)
     * a new schedule: sent at once, then retried after the schedule's first wait, and so on. Test deliveries stay
     * single attempts.
     */
    int recover(String endpointId, int retryCount, Instant since) {
        Instant now = clock.instant();
        int recovered = store.update("UPDATE webhook_delivery SET status = 'retrying', next_retry_at = ?, "
                        + "max_attempts = attempt_count + ?, schedule_start = attempt_count, error = NULL, updated_at = ? "
                        + "WHERE endpoint_id = ? AND status = 'failed' AND event_type <> ? "
                        + "AND COALESCE(last_attempt_at, updated_at) >= ?", DeliveryStore.utc(now),
                settings.maxAttempts(retryCount), DeliveryStore.utc(now), endpointId, TEST_EVENT, DeliveryStore.utc(since));
        if (recovered > 0) {
            dispatcher.kick();
        }
        return recovered;
    }

    private void attempt(String deliveryId, Instant now) {
        DeliveryStore.Claimed delivery = store.takeFinished(deliveryId, now, now.plus(LEASE))
                .orElseThrow(() -> new WebhookProblems.StillScheduled(deliveryId, "being attempted right now"));
        dispatcher.attemptNow(delivery);
    }

    private WebhookViews.Delivery view(String id) {
        List<WebhookDelivery> found = entities.createQuery("SELECT d FROM WebhookDelivery d WHERE d.id = :id",
                WebhookDelivery.class).setParameter("id", id).getResultList();
        return WebhookViews.Delivery.of(found.get(0));
    }
}
