package dev.codeai.integrations.security;

import dev.codeai.integrations.dsl.model.Endpoint;
import java.util.List;
import java.util.Set;

/**
 * Who may call one route: whether a bearer token is required, optional or ignored, and the roles of which
 * the caller needs any one (none listed: any authenticated caller).
 */
public record AccessRule(Endpoint.AuthMode auth, List<String> roles) {

    public static final AccessRule AUTHENTICATED = new AccessRule(Endpoint.AuthMode.REQUIRED, List.of());
    public static final AccessRule PUBLIC = new AccessRule(Endpoint.AuthMode.NONE, List.of());

    public static AccessRule roles(String... roles) {
        return new AccessRule(Endpoint.AuthMode.REQUIRED, List.of(roles));
    }

    /** Whether a caller with {@code callerRoles} passes the role check (any-of). */
    public boolean allows(Set<String> callerRoles) {
        return roles.isEmpty() || roles.stream().anyMatch(callerRoles::contains);
    }
}
