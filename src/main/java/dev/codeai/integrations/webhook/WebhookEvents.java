package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Ids;
import dev.codeai.integrations.platform.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Publishing (DSL.md §5.6 "Fan-out"): one pending delivery per active endpoint subscribed to the event type, or
 * named by a platform event's {@code webhook("name")} target (an endpoint reached both ways gets one), stored with
 * the event id in one transaction before the caller hears back, so an accepted event survives a crash. An event id
 * is fanned out once: a repeat answers what the first publication did. The body every attempt sends is fixed here:
 * {@code {"event", "data", "timestamp"}} with the event's creation time.
 */
@ApplicationScoped
public class WebhookEvents {

    @Inject
    DeliveryStore store;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    Clock clock;

    /** Publishes an event to its subscribers; {@code id} empty means a new one. */
    public DeliveryStore.Published publish(Optional<String> id, String type, JsonValue data) {
        return publish(id.orElseGet(() -> Ids.next()), type, data, Optional.empty());
    }

    /** Publishes a platform event to the endpoints named {@code endpointName} and to its subscribers. */
    public DeliveryStore.Published publishTo(String endpointName, String type, JsonValue data) {
        return publish(Ids.next(), type, data, Optional.of(endpointName));
    }

    private DeliveryStore.Published publish(String id, String type, JsonValue data, Optional<String> endpointName) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String body = Jsons.PROVIDER.createObjectBuilder().add("event", type).add("data", data)
                .add("timestamp", now.toString()).build().toString();
        DeliveryStore.Published published = store.publish(id, type, body, endpoints -> endpoints.stream()
                .filter(e -> endpointName.filter(e.name()::equals).isPresent() || Subscriptions.matches(e.events(), type))
                .map(e -> new DeliveryStore.Target(e.id(), settings.maxAttempts(e.retryCount()))).toList(), now);
        if (!published.repeat() && published.deliveries() > 0) {
            dispatcher.kick();
        }
        return published;
    }
}
