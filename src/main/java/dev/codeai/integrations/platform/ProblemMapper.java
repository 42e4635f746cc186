package dev.codeai.integrations.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders every failure as {@code application/problem+json}: {@link ApiProblem}s as they say, JAX-RS
 * errors (404, 405, 415, …) with their status, an unreachable database as a 503 with {@code Retry-After} (the request
 * did nothing), and anything unexpected as a 500 whose correlation id is
 * also logged. No stack trace or class name reaches a response.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    public static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest servletRequest;

    /** The request's attributes, where the filters keep their per-request state (also for async responses). */
    Function<String, Object> attributes = name -> servletRequest == null ? null : servletRequest.getAttribute(name);

    @Override
    public Response toResponse(Throwable failure) {
        if (attributes.apply(RequestSizeLimit.EXCEEDED) instanceof Long limit) {
            return render(new RequestSizeLimit.ContentTooLarge(limit));
        }
        // A problem raised while a body is read may arrive wrapped by the body reader.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiProblem problem) {
                return render(problem);
            }
            if (cause instanceof JsonParsingException malformed) {
                return render(new MalformedJson(malformed));
            }
        }
        if (DatabaseUnavailable.in(failure).isPresent()) {
            LOG.log(Level.WARNING, "The database is unavailable on {0}: {1}", new Object[] {path(),
                    DatabaseUnavailable.in(failure).get().getMessage()});
            return render(new DatabaseUnavailable());
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return build(status.getStatusCode(), status.getReasonPhrase(), detailFor(status.getStatusCode()), null)
                    .build();
        }
        String correlationId = RequestCorrelation.id(attributes);
        LOG.log(Level.SEVERE, "Unexpected failure [correlation id " + correlationId + "] on " + path(), failure);
        JsonObjectBuilder extra = Jsons.PROVIDER.createObjectBuilder().add("correlation_id", correlationId);
        return build(500, "Internal Server Error", "An unexpected error occurred; quote correlation id "
                + correlationId + " when reporting it.", extra).build();
    }

    private Response render(ApiProblem problem) {
        JsonObjectBuilder extra = Jsons.PROVIDER.createObjectBuilder();
        if (!problem.errors().isEmpty()) {
            var errors = Jsons.PROVIDER.createArrayBuilder();
            problem.errors().forEach(e -> errors.add(Jsons.PROVIDER.createObjectBuilder().add("field", e.field())
                    .add("message", e.message())));
            extra.add("errors", errors);
        }
        for (Map.Entry<String, Object> e : problem.extensions().entrySet()) {
            extra.add(e.getKey(), e.getValue() instanceof JsonValue json ? json : Jsons.PROVIDER.createValue(String.valueOf(e.getValue())));
        }
        Response.ResponseBuilder response = build(problem.status(), problem.title(), problem.detail(), extra);
        problem.headers().forEach(response::header);
        return response.build();
    }

    private Response.ResponseBuilder build(int status, String title, String detail, JsonObjectBuilder extra) {
        JsonObjectBuilder body = Jsons.PROVIDER.createObjectBuilder().add("type", "about:blank").add("title", title)
                .add("status", status).add("detail", detail).add("instance", path());
        if (extra != null) {
            body.addAll(extra);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body.build().toString());
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This path does not accept that method.";
            case 406 -> "This resource cannot produce the requested media type.";
            case 415 -> "This resource does not accept that content type.";
            default -> "The request could not be processed.";
        };
    }

    private String path() {
        return uriInfo == null ? "" : "/" + uriInfo.getPath().replaceFirst("^/", "");
    }
}
