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
 */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    private static final Set<String> FIELDS = Set.of("type", "data", "id");

    @Inject
    WebhookEvents events;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        body.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a field of an event")));
        Optional<String> type = string(body, "type", 255, errors);
        if (type.isEmpty() && !body.containsKey("type")) {
            errors.add(new FieldError("type", "is required"));
        }
        Optional<String> id = string(body, "id", 64, errors);
        JsonValue data = body.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT);
        if (!errors.isEmpty()) {
            throw new WebhookProblems.InvalidFields(errors);
        }
        DeliveryStore.Published published = events.publish(id, type.orElseThrow(), data);
        return Response.accepted(new WebhookViews.Accepted(published.eventId(), published.deliveries())).build();
    }

    private static Optional<String> string(JsonObject body, String field, int max, List<FieldError> errors) {
        JsonValue value = body.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING || ((JsonString) value).getString().isBlank()
                || ((JsonString) value).getString().length() > max) {
            errors.add(new FieldError(field, "must be a string of 1 to " + max + " characters"));
            return Optional.empty();
        }
        return Optional.of(((JsonString) value).getString());
    }
}
