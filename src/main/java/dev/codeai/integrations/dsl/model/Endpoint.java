package dev.codeai.integrations.dsl.model;

import dev.codeai.integrations.dsl.Position;
import java.util.List;
import java.util.Optional;

/** An {@code endpoint}: configures the built-in route with the same method and path (DSL.md §5.7). */
public record Endpoint(HttpMethod method, String path, List<String> pathParameters, String description,
                       AuthMode auth, List<String> roles, ObjectSchema pathSchema, ObjectSchema querySchema,
                       ObjectSchema bodySchema, Optional<FieldType> returns, Optional<Emit> onSuccess,
                       Position position) {

    public enum AuthMode { REQUIRED, OPTIONAL, NONE }

    /** {@code on_success: emit(Event)}: the event to publish after the route succeeds, and where it is named. */
    public record Emit(String event, Position position) {
    }

    /** The route with parameters unnamed and the trailing slash dropped: {@code GET /webhooks/{}}. */
    public String routeKey() {
        return routeKey(method.name(), path);
    }

    /** The route key of {@code method} on a path template such as a JAX-RS {@code @Path}. */
    public static String routeKey(String method, String path) {
        String normalised = ("/" + path).replaceAll("/+", "/").replaceAll("\\{[^}]*}", "{}");
        if (normalised.length() > 1 && normalised.endsWith("/")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        return method + " " + normalised;
    }
}
