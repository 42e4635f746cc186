package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.ApiProblem.FieldError;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /events} with {@code {"type", "data", "id"?}}: 202 with the event id and the number of deliveries
 * created, stored before this answers. The same id again answers what its first publication did, creating nothing.
 * {@code POST /events/batch} with {@code {"events": [...]}} (1 to {@value #MAX_BATCH} such events) stores them all in
 * one transaction, or none when one is invalid or the database fails, and answers each one's result in order, with
 * the total of deliveries created.
 */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    static final int MAX_BATCH = 1000;
    private static final Set<String> FIELDS = Set.of("type", "data", "id");

    @Inject
    WebhookEvents events;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        WebhookEvents.Event event = event(body, "", errors);
        if (!errors.isEmpty()) {
            throw new WebhookProblems.InvalidFields(errors);
        }
        EventStore.Published published = events.publish(event.id(), event.type(), event.data());
        return Response.accepted(new WebhookViews.Accepted(published.eventId(), published.deliveries())).build();
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publishAll(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        body.keySet().stream().filter(k -> !"events".equals(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a field of a batch")));
        JsonValue list = body.get("events");
        List<WebhookEvents.Event> batch = new ArrayList<>();
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY || list.asJsonArray().isEmpty()
                || list.asJsonArray().size() > MAX_BATCH) {
            errors.add(new FieldError("events", "must be a list of 1 to " + MAX_BATCH + " events"));
        } else {
            for (int i = 0; i < list.asJsonArray().size(); i++) {
                JsonValue entry = list.asJsonArray().get(i);
                if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
                    errors.add(new FieldError("events[" + i + "]", "must be an event object {\"type\", \"data\", \"id\"?}"));
                } else {
                    batch.add(event(entry.asJsonObject(), "events[" + i + "].", errors));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new WebhookProblems.InvalidFields(errors);
        }
        List<EventStore.Published> published = events.publishAll(batch);
        return Response.accepted(new WebhookViews.AcceptedBatch(published.stream()
                .map(p -> new WebhookViews.Accepted(p.eventId(), p.deliveries())).toList(),
                published.stream().filter(p -> !p.repeat()).mapToInt(EventStore.Published::deliveries).sum())).build();
    }

    /** The event in {@code body}, its problems added to {@code errors} with field names after {@code prefix}. */
    private static WebhookEvents.Event event(JsonObject body, String prefix, List<FieldError> errors) {
        body.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(prefix + k, "is not a field of an event")));
        Optional<String> type = string(body, "type", EventTypes.MAX_LENGTH, prefix, errors);
        if (type.isEmpty() && !body.containsKey("type")) {
            errors.add(new FieldError(prefix + "type", "is required"));
        } else if (type.filter(t -> !EventTypes.valid(t)).isPresent()) {
            errors.add(new FieldError(prefix + "type", EventTypes.RULE));
            type = Optional.empty();
        }
        Optional<String> id = string(body, "id", 64, prefix, errors);
        return new WebhookEvents.Event(id, type.orElse(""), body.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT));
    }

    private static Optional<String> string(JsonObject body, String field, int max, String prefix, List<FieldError> errors) {
        JsonValue value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING || ((JsonString) value).getString().isBlank()
                || ((JsonString) value).getString().length() > max) {
            errors.add(new FieldError(prefix + field, "must be a string of 1 to " + max + " characters"));
            return Optional.empty();
        }
        return Optional.of(((JsonString) value).getString());
    }
}
