package dev.codeai.integrations.integration;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/** The {@code errors} of a GraphQL response (GraphQL over HTTP: present and non-empty means the request failed). */
final class GraphqlAnswer {

    private static final JsonProvider JSON = JsonProvider.provider();

    private GraphqlAnswer() {
    }

    static Optional<JsonArray> errors(UpstreamResponse response) {
        if (response.status() / 100 != 2 || response.body().length == 0) {
            return Optional.empty();
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(response.body()))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object && object.get("errors") instanceof JsonArray errors && !errors.isEmpty()) {
                return Optional.of(errors);
            }
            return Optional.empty();
        } catch (JsonException e) {
            return Optional.empty(); // not JSON: passed through as the upstream sent it
        }
    }
}
