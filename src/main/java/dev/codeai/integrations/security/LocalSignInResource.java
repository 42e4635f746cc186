package dev.codeai.integrations.security;

import dev.codeai.integrations.platform.ApiProblem;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's one-click sign-in on a default local run: {@code GET} says whether it is available to this request,
 * {@code POST {"admin": true|false}} mints a token from the local key (roles {@code admin} or {@code user}, valid
 * {@link #TTL}) when {@link LocalSignIn} allows it, else answers a 403 problem. Public routes: the caller has no
 * token yet.
 */
@Path("/console/local-sign-in")
@Produces(MediaType.APPLICATION_JSON)
public class LocalSignInResource {

    static final Duration TTL = Duration.ofHours(8);
    private static final Logger LOG = Logger.getLogger(LocalSignInResource.class.getName());

    @Inject
    @ConfigProperty(name = "codeai.console.local-sign-in", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> inlineKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> location;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = TokenMain.DEFAULT_ISSUER)
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = TokenMain.DEFAULT_AUDIENCE)
    String audiences;

    @Inject
    Clock clock;

    @Context
    HttpServletRequest request;

    private LocalSignIn policy;

    /** Whether the one-click sign-in is available, and if not why. */
    @JsonbPropertyOrder({"available", "reason"})
    public record Availability(boolean available, String reason) {
    }

    /** A minted token, its roles and when it expires. */
    @JsonbPropertyOrder({"token", "roles", "expiresAt"})
    public record Minted(String token, List<String> roles, Instant expiresAt) {
    }

    @PostConstruct
    void policy() {
        policy = new LocalSignIn(enabled, inlineKey, location);
    }

    /** The one field of a sign-in, {@code admin}: required, true or false; any other field is refused. */
    private static boolean admin(JsonObject body) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        body.keySet().stream().filter(k -> !k.equals("admin")).sorted()
                .forEach(k -> errors.add(new ApiProblem.FieldError(k, "is not a field of a sign-in")));
        JsonValue admin = body.get("admin");
        if (admin != JsonValue.TRUE && admin != JsonValue.FALSE) {
            errors.add(new ApiProblem.FieldError("admin",
                    admin == null ? "is required (true or false)" : "must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw new LocalSignInInvalid(errors);
        }
        return admin == JsonValue.TRUE;
    }

    @GET
    public Availability available() {
        Optional<String> refusal = refusal();
        return new Availability(refusal.isEmpty(), refusal.orElse(null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Minted signIn(JsonObject body) {
        refusal().ifPresent(reason -> {
            throw new LocalSignInRefused(reason);
        });
        boolean admin = admin(body);
        List<String> roles = List.of(admin ? "admin" : "user");
        String subject = admin ? "local-admin" : "local-user";
        Instant now = clock.instant();
        SigningKeys keys = policy.keys().orElseThrow(() -> new LocalSignInRefused("the local key disappeared"));
        Tokens tokens = new Tokens(issuer, audiences.split(",")[0].trim(), keys.privateKey());
        String token = tokens.mint(subject, roles, now, TTL);
        LOG.info(() -> "Console local sign-in: minted a token for " + subject + " " + roles);
        return new Minted(token, roles, now.plus(TTL));
    }

    private Optional<String> refusal() {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        return policy.refusal(request.getRemoteAddr(), request.getHeader("Host"), headers);
    }
}
