package dev.codeai.integrations.console;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Serves the web console, the files under {@code console/} in the WAR, at {@code /console/}. The REST application
 * sits at the server root, so its servlet would shadow the container's static files: they are served here instead,
 * from the WAR only (nothing from a CDN), with a strict Content-Security-Policy that allows this origin alone.
 */
@Path("/console")
public class ConsoleResource {

    private static final String ROOT = "/console/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "json", "application/json");
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Context
    ServletContext servlet;

    @Context
    HttpServletRequest request;

    /** {@code /console} goes to {@code /console/}, so the page's relative links resolve under it. */
    @GET
    @Operation(hidden = true)
    public Response index() {
        if (!request.getRequestURI().endsWith("/")) {
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(ROOT)).build();
        }
        return file("index.html");
    }

    @GET
    @Path("/{file: .+}")
    @Operation(hidden = true)
    public Response file(@PathParam("file") String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (file.contains("..") || file.contains("\\") || !TYPES.containsKey(extension)) {
            throw new NotFoundException();
        }
        InputStream content = servlet.getResourceAsStream(ROOT + file);
        if (content == null) {
            throw new NotFoundException();
        }
        return Response.ok(content, TYPES.get(extension)).header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", POLICY)
                .header("Referrer-Policy", "no-referrer").build();
    }
}
