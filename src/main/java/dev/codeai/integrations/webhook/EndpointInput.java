package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.ApiProblem.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The fields of {@code POST /webhooks} and {@code PUT /webhooks/{id}}, checked all at once so that a 400 names every
 * problem: {@code name} (1–255 characters), {@code url} (http(s), refused by the SSRF guard when it resolves to an
 * internal address), {@code events} (a non-empty list of event types or patterns), {@code secret} ({@code whsec_}
 * + Base64 of 24–64 bytes), {@code timeout_seconds} (1–300) and {@code retry_count} (0–20), the endpoint's own attempt
 * timeout and retries (DSL.md §5.6: the integration's values apply while these keep the entity defaults, 30 and 5)
 * and, on update, {@code is_active}. Unknown fields are ignored with a warning in the log (DSL.md §5.7: declared
 * endpoints' bodies ignore them, unlike the invoke endpoint's arguments), their names only, never their values.
 */
record EndpointInput(Optional<String> name, Optional<String> url, Optional<List<String>> events, Optional<String> secret,
                     Optional<Boolean> active, Optional<Integer> timeoutSeconds, Optional<Integer> retryCount) {

    private static final Logger LOG = Logger.getLogger(EndpointInput.class.getName());
    private static final int LOGGED_NAMES = 10;
    private static final int LOGGED_NAME_LENGTH = 64;
    private static final Set<String> CREATE = Set.of("name", "url", "events", "secret", "timeout_seconds", "retry_count");
    private static final Set<String> UPDATE = Set.of("name", "url", "events", "is_active", "timeout_seconds", "retry_count");

    static EndpointInput forCreate(JsonObject body, SsrfGuard guard) {
        return read(body, guard, CREATE, true);
    }

    static EndpointInput forUpdate(JsonObject body, SsrfGuard guard) {
        return read(body, guard, UPDATE, false);
    }

    private static EndpointInput read(JsonObject body, SsrfGuard guard, Set<String> known, boolean create) {
        List<FieldError> errors = new ArrayList<>();
        List<String> unknown = body.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            LOG.warning(() -> (create ? "POST /webhooks" : "PUT /webhooks/{id}") + " ignored " + unknown.size()
                    + " unknown field(s): " + unknown.stream().limit(LOGGED_NAMES)
                    .map(k -> k.length() > LOGGED_NAME_LENGTH ? k.substring(0, LOGGED_NAME_LENGTH) + "…" : k)
                    .map(k -> k.replaceAll("\\p{Cntrl}", "?")).toList());
        }
        Optional<String> name = text(body, "name", errors, create);
        name.filter(n -> n.isBlank() || n.length() > 255)
                .ifPresent(n -> errors.add(new FieldError("name", "must be 1 to 255 characters")));
        Optional<String> url = text(body, "url", errors, create);
        url.flatMap(u -> guard.urlProblem(u).or(() -> guard.refusal(java.net.URI.create(u))))
                .ifPresent(problem -> errors.add(new FieldError("url", problem)));
        Optional<List<String>> events = events(body, errors, create);
        Optional<String> secret = known.contains("secret") ? text(body, "secret", errors, false) : Optional.empty();
        secret.flatMap(WebhookSecrets::problem).ifPresent(problem -> errors.add(new FieldError("secret", problem)));
        Optional<Boolean> active = Optional.empty();
        if (body.containsKey("is_active")) {
            JsonValue value = body.get("is_active");
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                active = Optional.of(value == JsonValue.TRUE);
            } else {
                errors.add(new FieldError("is_active", "must be true or false"));
            }
        }
        Optional<Integer> timeoutSeconds = whole(body, "timeout_seconds", 1, 300, errors);
        Optional<Integer> retryCount = whole(body, "retry_count", 0, 20, errors);
        if (!errors.isEmpty()) {
            throw new WebhookProblems.InvalidFields(errors);
        }
        return new EndpointInput(name, url, events, secret, active, timeoutSeconds, retryCount);
    }

    private static Optional<Integer> whole(JsonObject body, String field, int min, int max, List<FieldError> errors) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER && ((JsonNumber) value).isIntegral()
                && ((JsonNumber) value).bigDecimalValue().compareTo(BigDecimal.valueOf(min)) >= 0
                && ((JsonNumber) value).bigDecimalValue().compareTo(BigDecimal.valueOf(max)) <= 0) {
            return Optional.of(((JsonNumber) value).intValue());
        }
        errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
        return Optional.empty();
    }

    private static Optional<String> text(JsonObject body, String field, List<FieldError> errors, boolean required) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            errors.add(new FieldError(field, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(((JsonString) value).getString());
    }

    private static Optional<List<String>> events(JsonObject body, List<FieldError> errors, boolean required) {
        JsonValue value = body.get("events");
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                errors.add(new FieldError("events", "is required"));
            }
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY || value.asJsonArray().isEmpty()) {
            errors.add(new FieldError("events", "must be a non-empty list of event types, e.g. [\"order.created\", \"order.*\"]"));
            return Optional.empty();
        }
        List<String> types = new ArrayList<>();
        for (JsonValue entry : value.asJsonArray()) {
            if (entry.getValueType() != JsonValue.ValueType.STRING || !EventTypes.valid(((JsonString) entry).getString())) {
                errors.add(new FieldError("events", "every entry " + EventTypes.RULE));
                return Optional.empty();
            }
            types.add(((JsonString) entry).getString());
        }
        return Optional.of(List.copyOf(types));
    }
}
