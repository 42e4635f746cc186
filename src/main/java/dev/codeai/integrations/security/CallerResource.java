package dev.codeai.integrations.security;

import dev.codeai.integrations.dsl.model.Endpoint;
import dev.codeai.integrations.integration.Catalog;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code GET /me}: who the bearer token names, its roles, and which of the console's guarded actions the access
 * rules let it take, so the console shows only the controls that will work (the routes still check every call).
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    /** The console's actions and the route each one calls. */
    private static final Map<String, String[]> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("reset_circuit", new String[] {"POST", "/integrations/{name}/circuit/reset"});
        ACTIONS.put("purge_cache", new String[] {"DELETE", "/integrations/{name}/cache"});
        ACTIONS.put("invoke", new String[] {"POST", "/integrations/{name}/operations/{operation}"});
        ACTIONS.put("manage_webhooks", new String[] {"POST", "/webhooks"});
        ACTIONS.put("retry_deliveries", new String[] {"POST", "/webhooks/deliveries/{id}/retry"});
        ACTIONS.put("publish_events", new String[] {"POST", "/events"});
    }

    @Inject
    Catalog catalog;

    @Context
    SecurityContext security;

    private AccessRules rules;

    /** The caller: subject, roles ({@code groups}), whether it is an admin, and each action it may take. */
    @JsonbPropertyOrder({"subject", "roles", "admin", "allowed"})
    public record Caller(String subject, List<String> roles, boolean admin, Map<String, Boolean> allowed) {
    }

    @PostConstruct
    void rules() {
        rules = AccessRules.of(catalog.spec());
    }

    @GET
    public Caller me() {
        JsonWebToken token = (JsonWebToken) security.getUserPrincipal();
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        Map<String, Boolean> allowed = new LinkedHashMap<>();
        ACTIONS.forEach((action, route) -> {
            AccessRule rule = rules.forRoute(route[0], route[1]);
            allowed.put(action, rule.auth() == Endpoint.AuthMode.NONE || rule.allows(groups));
        });
        return new Caller(token.getName(), List.copyOf(new TreeSet<>(groups)), groups.contains("admin"), allowed);
    }
}
