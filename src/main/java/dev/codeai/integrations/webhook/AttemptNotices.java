package dev.codeai.integrations.webhook;

import dev.codeai.integrations.event.EventPublisher;
import dev.codeai.integrations.platform.Jsons;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes what follows from a recorded attempt (DSL.md §5.6): {@code IntegrationCircuitOpened} and
 * {@code IntegrationCircuitClosed} when the endpoint's breaker changed (with {@code notify_on_open}), as integration
 * {@code <service>/<endpoint id>}, and {@code WebhookDeliveryFailed} when a scheduled delivery failed for good. A failure
 * to publish is logged, never passed on: the attempt is recorded either way. Thread-safe.
 */
final class AttemptNotices {

    private static final Logger LOG = Logger.getLogger(AttemptNotices.class.getName());

    private final WebhookSettings settings;
    private final EventPublisher events;

    AttemptNotices(WebhookSettings settings, EventPublisher events) {
        this.settings = settings;
        this.events = events;
    }

    void announce(DeliveryStore.Claimed delivery, Attempt attempt, Redelivery.Decision decision,
                  AttemptLog.Recorded recorded, Instant now) {
        if (recorded.gone()) {
            return;
        }
        try {
            String integration = settings.name() + "/" + delivery.endpointId();
            recorded.breakerOpenedAfter().ifPresent(failures -> publishIf(settings.breaker().get().notifyOnOpen(),
                    "IntegrationCircuitOpened", Jsons.PROVIDER.createObjectBuilder().add("integration", integration)
                            .add("failures", failures).add("opened_at", now.toString()).build()));
            recorded.breakerClosedAfter().ifPresent(open -> publishIf(settings.breaker().get().notifyOnOpen(),
                    "IntegrationCircuitClosed", Jsons.PROVIDER.createObjectBuilder().add("integration", integration)
                            .add("closed_at", now.toString()).add("open_duration_seconds", open.toSeconds()).build()));
            if (DeliveryStore.FAILED.equals(decision.status())) {
                events.publish("WebhookDeliveryFailed", Jsons.PROVIDER.createObjectBuilder()
                        .add("endpoint_id", delivery.endpointId()).add("delivery_id", delivery.id())
                        .add("event_type", delivery.eventType())
                        .add("error", Optional.ofNullable(attempt.error()).orElse("HTTP " + attempt.status().orElse(0)))
                        .build());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot publish what follows from an attempt of delivery {0}: {1}",
                    new Object[] {delivery.id(), e.getMessage()});
        }
    }

    private void publishIf(boolean notify, String type, JsonObject payload) {
        if (notify) {
            events.publish(type, payload);
        }
    }
}
