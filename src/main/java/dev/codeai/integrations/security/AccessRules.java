package dev.codeai.integrations.security;

import dev.codeai.integrations.dsl.model.Endpoint;
import dev.codeai.integrations.dsl.model.Spec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The access rule of every route: an {@code endpoint} declaration of the DSL decides for its route
 * (DSL.md §5.7); otherwise a route needs an authenticated caller, and resetting a circuit or emptying a cache the
 * {@code admin} role; the console's files and local sign-in are public. Routes are compared as
 * {@code METHOD /path/{}} with parameters unnamed.
 */
public final class AccessRules {

    private static final Map<String, AccessRule> DEFAULTS = Map.of(
            "POST /integrations/{}/circuit/reset", AccessRule.roles("admin"),
            "DELETE /integrations/{}/cache", AccessRule.roles("admin"),
            "GET /ping", AccessRule.PUBLIC,
            // The console's files and its one-click local sign-in (which checks LocalSignIn itself).
            "GET /console", AccessRule.PUBLIC,
            "GET /console/{}", AccessRule.PUBLIC,
            "GET /console/local-sign-in", AccessRule.PUBLIC,
            "POST /console/local-sign-in", AccessRule.PUBLIC);

    private final Map<String, AccessRule> rules;

    private AccessRules(Map<String, AccessRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static AccessRules of(Spec spec) {
        return of(spec.endpoints());
    }

    public static AccessRules of(List<Endpoint> endpoints) {
        Map<String, AccessRule> rules = new HashMap<>(DEFAULTS);
        for (Endpoint endpoint : endpoints) {
            rules.put(endpoint.routeKey(), new AccessRule(endpoint.auth(), endpoint.roles()));
        }
        return new AccessRules(rules);
    }

    /** The rule for {@code method} on the route template {@code path} (as in {@code @Path}, any parameter names). */
    public AccessRule forRoute(String method, String path) {
        return rules.getOrDefault(Endpoint.routeKey(method, path), AccessRule.AUTHENTICATED);
    }
}
