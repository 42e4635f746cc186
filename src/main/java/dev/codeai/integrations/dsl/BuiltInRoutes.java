package dev.codeai.integrations.dsl;

import java.util.List;

/**
 * The product's built-in management routes (DSL.md §5.7): an {@code endpoint} declaration configures the
 * one with its method and path; parameters are compared by position, not name.
 */
public final class BuiltInRoutes {

    public static final List<String> ROUTES = List.of(
            "GET /webhooks", "POST /webhooks", "GET /webhooks/{}", "PUT /webhooks/{}", "DELETE /webhooks/{}",
            "GET /webhooks/{}/deliveries", "POST /webhooks/{}/test", "POST /webhooks/{}/secret/rotate",
            "POST /webhooks/{}/recover", "GET /webhooks/deliveries/{}", "POST /webhooks/deliveries/{}/retry",
            "GET /webhooks/dead-letters", "POST /events", "GET /events/{}",
            "GET /integrations", "GET /integrations/status", "GET /integrations/{}", "GET /integrations/{}/health",
            "POST /integrations/{}/circuit/reset", "POST /integrations/{}/operations/{}");

    private BuiltInRoutes() {
    }

    public static boolean contains(String routeKey) {
        return ROUTES.contains(routeKey);
    }
}
