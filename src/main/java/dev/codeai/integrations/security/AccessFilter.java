package dev.codeai.integrations.security;

import dev.codeai.integrations.dsl.model.Endpoint;
import dev.codeai.integrations.integration.Catalog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Applies the route's {@link AccessRule} after matching. Liberty's {@code mpJwt} has already verified any
 * bearer token (signature, issuer, audience, expiry): a valid one is the {@link JsonWebToken} principal,
 * a rejected one leaves the request anonymous. This filter turns that into the API's 401 and 403 problems.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AccessFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    Catalog catalog;

    private AccessRules rules;
    /** The rule of each resource method and HTTP method, worked out once instead of per request. */
    private final ConcurrentMap<RouteKey, AccessRule> byRoute = new ConcurrentHashMap<>();

    private record RouteKey(String httpMethod, Class<?> type, Method method) {
    }

    @PostConstruct
    void rules() {
        rules = AccessRules.of(catalog.spec());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return; // no route matched: the 404 or 405 follows
        }
        Class<?> type = resource.getResourceClass();
        AccessRule rule = byRoute.computeIfAbsent(new RouteKey(request.getMethod(), type, method),
                key -> rules.forRoute(key.httpMethod(), template(key.type(), key.method())));
        SecurityContext security = request.getSecurityContext();
        boolean presented = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        boolean authenticated = security.getUserPrincipal() instanceof JsonWebToken;
        if (rule.auth() == Endpoint.AuthMode.NONE || (rule.auth() == Endpoint.AuthMode.OPTIONAL && !presented)) {
            return;
        }
        if (!authenticated) {
            throw presented ? AccessProblems.Unauthorized.invalidToken() : AccessProblems.Unauthorized.missingToken();
        }
        JsonWebToken token = (JsonWebToken) security.getUserPrincipal();
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        if (!rule.allows(groups)) {
            throw new AccessProblems.Forbidden(rule.roles());
        }
    }

    private static boolean bearer(String authorization) {
        return authorization != null && !authorization.isBlank();
    }

    /** The route template of a resource method: the class's {@code @Path} joined with the method's. */
    static String template(Class<?> type, Method method) {
        return Stream.of(type.getAnnotation(Path.class), method.getAnnotation(Path.class)).filter(Objects::nonNull)
                .map(Path::value).collect(Collectors.joining("/", "/", ""));
    }
}
