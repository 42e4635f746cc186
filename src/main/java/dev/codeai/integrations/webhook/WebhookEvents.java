package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Ids;
import dev.codeai.integrations.platform.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
    EventStore store;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    Clock clock;

    /** An event to publish; {@code id} empty means a new one. */
    public record Event(Optional<String> id, String type, JsonValue data) {
    }

    /** Publishes an event to its subscribers; {@code id} empty means a new one. */
    public EventStore.Published publish(Optional<String> id, String type, JsonValue data) {
        return publish(List.of(new Event(id, type, data)), Optional.empty()).get(0);
    }

    /** Publishes events to their subscribers in one transaction: all are stored, or none. */
    public List<EventStore.Published> publishAll(List<Event> events) {
        return publish(events, Optional.empty());
    }

    /** Publishes a platform event to the endpoints named {@code endpointName} and to its subscribers. */
    public EventStore.Published publishTo(String endpointName, String type, JsonValue data) {
        return publish(List.of(new Event(Optional.empty(), type, data)), Optional.of(endpointName)).get(0);
    }

    private List<EventStore.Published> publish(List<Event> events, Optional<String> endpointName) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<EventStore.NewEvent> stored = events.stream().map(event -> new EventStore.NewEvent(
                event.id().orElseGet(Ids::next), event.type(), Jsons.PROVIDER.createObjectBuilder().add("event", event.type())
                        .add("data", event.data()).add("timestamp", now.toString()).build().toString())).toList();
        // A healthy endpoint with a free slot here gets its delivery leased to this instance as it is stored, and the
        // attempt starts on commit: no claim round, no wait for one. The others are claimed as usual.
        EventStore.Stored result = store.publish(stored, (endpoints, event) -> endpoints.stream()
                .filter(e -> endpointName.filter(e.name()::equals).isPresent() || Subscriptions.matches(e.events(), event.type()))
                .map(e -> new EventStore.Target(e, settings.maxAttempts(e.retryCount()),
                        e.healthy() && dispatcher.hasRoom(e.id())))
                .toList(), now, dispatcher.leaseUntil(now));
        List<EventStore.Published> published = result.published();
        if (!result.leased().isEmpty()) {
            dispatcher.startLeased(result.leased());
        }
        if (published.stream().filter(p -> !p.repeat()).mapToInt(EventStore.Published::deliveries).sum()
                > result.leased().size()) {
            dispatcher.kick();
        }
        return published;
    }
}
