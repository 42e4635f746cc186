package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.HttpMethod;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.platform.ApiProblem.FieldError;
import dev.codeai.integrations.platform.JsonBodies;
import dev.codeai.integrations.platform.RequestSizeLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Integration status, health, circuit reset and invocation (example README, "Integration Status"). */
@Path("/integrations")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class IntegrationsResource {

    @Inject
    IntegrationHealth health;

    @Inject
    Invoker invoker;

    @Inject
    IdempotentReplays replays;

    @Inject
    @ConfigProperty(name = "codeai.http.max-request-bytes", defaultValue = "1048576")
    long maxArgumentBytes;

    @Inject
    @ConfigProperty(name = "codeai.http.max-upload-bytes", defaultValue = "5368709120")
    long maxUploadBytes;

    @GET
    @Path("/status")
    public IntegrationViews.StatusList status() {
        return health.statusOfAll();
    }

    /** The last hour by minute and the breaker changes of this instance (the console's charts and timeline). */
    @GET
    @Path("/history")
    public IntegrationViews.History history() {
        return health.history();
    }

    @GET
    @Path("/{name}")
    public IntegrationDescription describe(@PathParam("name") String name) {
        return health.describe(name);
    }

    @GET
    @Path("/{name}/health")
    public IntegrationViews.Health health(@PathParam("name") String name) {
        return health.health(name);
    }

    @POST
    @Path("/{name}/circuit/reset")
    public IntegrationViews.CircuitReset reset(@PathParam("name") String name) {
        return health.reset(name);
    }

    /** Empties the integration's response cache: {@code {name, purged}}. */
    @DELETE
    @Path("/{name}/cache")
    public IntegrationViews.CachePurge purgeCache(@PathParam("name") String name) {
        return new IntegrationViews.CachePurge(name, invoker.purgeCache(name));
    }

    /**
     * Calls an operation: a JSON object of arguments, or for {@code body_type: binary} the raw payload with
     * the arguments in the query string (DSL.md §5.5). Answers the upstream's status, headers of the call
     * and body (decoded per {@code returns}; streamed for {@code returns: binary}). A call that is batched
     * (DSL.md §5.4) completes asynchronously once its batch is answered.
     */
    @POST
    @Path("/{name}/operations/{operation}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public CompletionStage<Response> invoke(@PathParam("name") String name, @PathParam("operation") String operationName,
                           @HeaderParam("Idempotency-Key") String idempotencyKey, @Context HttpHeaders headers,
                           @Context UriInfo uri, @Context SecurityContext security, InputStream body) {
        Operation operation = invoker.operation(name, operationName);
        Optional<String> contentType = Optional.ofNullable(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        Optional<String> callerKey = Optional.ofNullable(idempotencyKey).map(IdempotentReplays::checkedKey);
        if (operation.bodyType() == Operation.BodyType.BINARY) {
            if (headers.getLength() > maxUploadBytes) {
                throw new IntegrationProblems.UploadTooLarge(maxUploadBytes);
            }
            try (Payload payload = Payload.spool(body, maxUploadBytes)) {
                JsonObject arguments = Arguments.fromQuery(operation, uri.getQueryParameters(), contentType);
                return CompletableFuture.completedFuture(call(name, operation, arguments, callerKey, Optional.of(payload),
                        security));
            }
        }
        if (contentType.isPresent() && !json(contentType.get())) {
            throw new IntegrationProblems.NotBinary(name, operationName, contentType.get());
        }
        if (headers.getLength() > maxArgumentBytes) {
            throw new RequestSizeLimit.ContentTooLarge(maxArgumentBytes);
        }
        JsonObject arguments = arguments(operationName, RequestSizeLimit.bounded(body, maxArgumentBytes));
        if (callerKey.isEmpty() && invoker.buffered(name, operationName)) {
            // A batched call waits for its batch without holding a request thread.
            return invoker.invokeBuffered(name, operationName, arguments).thenApply(IntegrationsResource::respond);
        }
        return CompletableFuture.completedFuture(call(name, operation, arguments, callerKey, Optional.empty(), security));
    }

    /**
     * The call, through {@link IdempotentReplays} when the caller sent an {@code Idempotency-Key} for an operation
     * that changes something (not GET/HEAD, not a GraphQL query, not a presigned URL) and answers JSON or text.
     */
    private Response call(String name, Operation operation, JsonObject arguments, Optional<String> callerKey,
                          Optional<Payload> payload, SecurityContext security) {
        if (callerKey.isEmpty() || !replayable(operation)) {
            return respond(invoker.invoke(name, operation.name(), arguments, callerKey, payload, Optional.empty()));
        }
        String subject = security.getUserPrincipal() == null ? "" : security.getUserPrincipal().getName();
        String fingerprint = IdempotentReplays.fingerprint(name, operation.name(), arguments, payload);
        return render(replays.once(subject, callerKey.get(), fingerprint, invoker.budget(name),
                () -> kept(invoker.invoke(name, operation.name(), arguments, callerKey, payload, Optional.empty()))));
    }

    private static boolean replayable(Operation operation) {
        boolean query = operation.document().map(d -> d.kind() == Operation.GraphqlDocument.Kind.QUERY).orElse(false);
        return !operation.method().safe() && operation.method() != HttpMethod.INTERNAL && !query
                && !Upstream.returnsBinary(operation);
    }

    /** The caller's answer: status, the headers of the call, body (what a replay answers again). */
    private static ReplayAnswer kept(Invoker.Invocation result) {
        UpstreamResponse upstream = result.response();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Integration-Attempts", String.valueOf(result.attempts()));
        headers.put("X-Circuit-State", result.circuitState());
        result.cache().ifPresent(state -> headers.put("X-Cache", state));
        upstream.header("Retry-After").ifPresent(wait -> headers.put("Retry-After", wait));
        upstream.header("X-Fallback").ifPresent(kind -> headers.put("X-Fallback", kind));
        if (upstream.body().length > 0) {
            headers.put("Content-Type", upstream.contentType());
        }
        return new ReplayAnswer(upstream.status(), headers, upstream.body());
    }

    private static Response respond(Invoker.Invocation result) {
        UpstreamResponse upstream = result.response();
        if (upstream.stream().isEmpty()) {
            return render(kept(result));
        }
        Response.ResponseBuilder response = Response.status(upstream.status());
        kept(result).headers().forEach(response::header);
        InputStream stream = upstream.stream().get();
        upstream.header("Content-Length").ifPresent(length -> response.header("Content-Length", length));
        StreamingOutput copy = out -> {
            try (InputStream in = stream) {
                in.transferTo(out);
            }
        };
        return response.entity(copy).type(upstream.contentType()).build();
    }

    private static Response render(ReplayAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body().length > 0 ? answer.body() : null);
        answer.headers().forEach(response::header);
        return response.build();
    }

    /** The JSON object of arguments; an empty body means none. */
    private static JsonObject arguments(String operation, InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        JsonValue value = JsonBodies.read(new ByteArrayInputStream(bytes));
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IntegrationProblems.InvalidArguments(operation,
                    List.of(new FieldError("body", "must be a JSON object of arguments")));
        }
        return value.asJsonObject();
    }

    private static boolean json(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }
}
