package dev.codeai.integrations.integration;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Integration status, health, circuit reset and invocation (example README, "Integration Status"). */
@Path("/integrations")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationsResource {

    @Inject
    IntegrationHealth health;

    @Inject
    Invoker invoker;

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

    @POST
    @Path("/{name}/operations/{operation}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invoke(@PathParam("name") String name, @PathParam("operation") String operation,
                           @HeaderParam("Idempotency-Key") String idempotencyKey, JsonObject arguments) {
        Invoker.Invocation result = invoker.invoke(name, operation,
                arguments == null ? JsonObject.EMPTY_JSON_OBJECT : arguments, Optional.ofNullable(idempotencyKey));
        UpstreamResponse upstream = result.response();
        Response.ResponseBuilder response = Response.status(upstream.status())
                .header("X-Integration-Attempts", result.attempts())
                .header("X-Circuit-State", result.circuitState());
        upstream.header("Retry-After").ifPresent(wait -> response.header("Retry-After", wait));
        if (upstream.body().length > 0) {
            response.entity(upstream.body()).type(upstream.contentType());
        }
        return response.build();
    }
}
