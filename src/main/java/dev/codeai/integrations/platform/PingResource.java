package dev.codeai.integrations.platform;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answers as soon as the application has started; a liveness probe that needs no database. */
@Path("ping")
public class PingResource {

    /** The body of {@code GET /ping}. */
    public record Pong(String status) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Pong ping() {
        return new Pong("UP");
    }
}
