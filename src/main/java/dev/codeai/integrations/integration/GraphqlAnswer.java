package dev.codeai.integrations.integration;

import dev.codeai.integrations.platform.Jsons;
import io.smallrye.graphql.client.GraphQLError;
import io.smallrye.graphql.client.InvalidResponseException;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.impl.ResponseReader;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code errors} of a successful GraphQL answer (GraphQL over HTTP: present and non-empty means the
 * request failed), read by the SmallRye GraphQL client's {@link ResponseReader}. An answer that is not a
 * GraphQL response (not JSON, or no {@code data}/{@code errors}/{@code extensions}) has no errors and is
 * passed through as the upstream sent it; one without errors gives its caller the {@code data} member.
 */
final class GraphqlAnswer {

    /** Other top-level members than data, errors and extensions are tolerated, as before (the reader logs their names). */
    private static final boolean ALLOW_UNEXPECTED_MEMBERS = true;

    private GraphqlAnswer() {
    }

    /** The answer as a GraphQL response; empty when it is not one (or not a 2xx), so it passes through. */
    static Optional<Response> read(UpstreamResponse response) {
        if (response.status() / 100 != 2 || response.body().length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResponseReader.readFrom(new String(response.body(), StandardCharsets.UTF_8),
                    response.headers(), response.status(), null, ALLOW_UNEXPECTED_MEMBERS));
        } catch (InvalidResponseException e) {
            return Optional.empty();
        }
    }

    /** The response's {@code errors} as the problem's {@code graphql_errors}, when there are any. */
    static Optional<JsonArray> errors(Response parsed) {
        List<GraphQLError> errors = parsed.getErrors();
        if (errors == null || errors.isEmpty()) {
            return Optional.empty();
        }
        JsonArrayBuilder array = Jsons.PROVIDER.createArrayBuilder();
        errors.forEach(error -> array.add(toJson(error)));
        return Optional.of(array.build());
    }

    /** What a GraphQL caller receives (DSL.md §5.5): the {@code data} member, JSON {@code null} when absent. */
    static UpstreamResponse data(UpstreamResponse response, Response parsed) {
        JsonValue data = parsed.getData() == null ? JsonValue.NULL : parsed.getData();
        return new UpstreamResponse(response.status(), Map.of("Content-Type", List.of("application/json")),
                data.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The error as the problem's {@code graphql_errors} entry: message, locations, path, extensions, then any other members. */
    private static JsonObjectBuilder toJson(GraphQLError error) {
        JsonObjectBuilder json = Jsons.PROVIDER.createObjectBuilder();
        if (error.getMessage() != null) {
            json.add("message", error.getMessage());
        }
        if (error.getLocations() != null) {
            JsonArrayBuilder locations = Jsons.PROVIDER.createArrayBuilder();
            error.getLocations().forEach(location -> locations.add(members(location)));
            json.add("locations", locations);
        }
        if (error.getPath() != null) {
            JsonArrayBuilder path = Jsons.PROVIDER.createArrayBuilder();
            for (Object segment : error.getPath()) {
                path.add(value(segment));
            }
            json.add("path", path);
        }
        if (error.getExtensions() != null && !error.getExtensions().isEmpty()) {
            json.add("extensions", members(error.getExtensions()));
        }
        if (error.getOtherFields() != null) {
            error.getOtherFields().forEach((name, value) -> json.add(name, value(value)));
        }
        return json;
    }

    private static JsonObjectBuilder members(Map<String, ?> values) {
        JsonObjectBuilder json = Jsons.PROVIDER.createObjectBuilder();
        values.forEach((name, value) -> json.add(name, value(value)));
        return json;
    }

    /** The reader's decoded values: strings, integral numbers, booleans, null, or JSON values for the rest. */
    private static JsonValue value(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Number n) {
            return n instanceof Integer || n instanceof Long ? Jsons.PROVIDER.createValue(n.longValue())
                    : Jsons.PROVIDER.createValue(new java.math.BigDecimal(n.toString()));
        }
        return Jsons.PROVIDER.createValue(value.toString());
    }
}
