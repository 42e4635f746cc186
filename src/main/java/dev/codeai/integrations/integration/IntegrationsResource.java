package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.platform.ApiProblem.FieldError;
import dev.codeai.integrations.platform.RequestSizeLimit;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Integration status, health, circuit reset and invocation (example README, "Integration Status"). */
@Path("/integrations")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationsResource {

    @Inject
    IntegrationHealth health;

    @Inject
    Invoker invoker;

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
     * and body (decoded per {@code returns}; streamed for {@code returns: binary}).
     */
    @POST
    @Path("/{name}/operations/{operation}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Response invoke(@PathParam("name") String name, @PathParam("operation") String operationName,
                           @HeaderParam("Idempotency-Key") String idempotencyKey, @Context HttpHeaders headers,
                           @Context UriInfo uri, InputStream body) {
        Operation operation = invoker.operation(name, operationName);
        Optional<String> contentType = Optional.ofNullable(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        Optional<String> callerKey = Optional.ofNullable(idempotencyKey);
        if (operation.bodyType() == Operation.BodyType.BINARY) {
            if (headers.getLength() > maxUploadBytes) {
                throw new IntegrationProblems.UploadTooLarge(maxUploadBytes);
            }
            try (Payload payload = Payload.spool(body, maxUploadBytes)) {
                JsonObject arguments = Arguments.fromQuery(operation, uri.getQueryParameters(), contentType);
                return respond(invoker.invoke(name, operationName, arguments, callerKey, Optional.of(payload),
                        Optional.empty()));
            }
        }
        if (contentType.isPresent() && !json(contentType.get())) {
            throw new IntegrationProblems.NotBinary(name, operationName, contentType.get());
        }
        if (headers.getLength() > maxArgumentBytes) {
            throw new RequestSizeLimit.ContentTooLarge(maxArgumentBytes);
        }
        JsonObject arguments = arguments(operationName, RequestSizeLimit.bounded(body, maxArgumentBytes));
        return respond(invoker.invoke(name, operationName, arguments, callerKey));
    }

    private static Response respond(Invoker.Invocation result) {
        UpstreamResponse upstream = result.response();
        Response.ResponseBuilder response = Response.status(upstream.status())
                .header("X-Integration-Attempts", result.attempts())
                .header("X-Circuit-State", result.circuitState());
        result.cache().ifPresent(state -> response.header("X-Cache", state));
        upstream.header("Retry-After").ifPresent(wait -> response.header("Retry-After", wait));
        upstream.header("X-Fallback").ifPresent(kind -> response.header("X-Fallback", kind));
        if (upstream.stream().isPresent()) {
            InputStream stream = upstream.stream().get();
            upstream.header("Content-Length").ifPresent(length -> response.header("Content-Length", length));
            StreamingOutput copy = out -> {
                try (InputStream in = stream) {
                    in.transferTo(out);
                }
            };
            return response.entity(copy).type(upstream.contentType()).build();
        }
        if (upstream.body().length > 0) {
            response.entity(upstream.body()).type(upstream.contentType());
        }
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
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IntegrationProblems.InvalidArguments(operation,
                        List.of(new FieldError("body", "must be a JSON object of arguments")));
            }
            return value.asJsonObject();
        }
    }

    private static boolean json(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }
}
