package dev.codeai.integrations.platform;

import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of web.xml: what is refused with {@code sendError} or an exception before JAX-RS renders it (a
 * Content-Type or Accept header the JAX-RS runtime cannot parse, an undecodable path) is answered as
 * {@code application/problem+json} like every other error, with a generic detail and never the container's message.
 * Requested directly, it is a 404 problem. (A URI with an encoded '/', '.' or NUL is refused by Liberty's web
 * container without an error page; see docs/RELIABILITY.md.)
 */
@WebServlet(name = "ErrorPages", urlPatterns = "/.problem")
public class ErrorPages extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPages.class.getName());
    /** The request log's logger ({@link RequestLog}): a request refused before JAX-RS gets its line here. */
    private static final Logger REQUESTS = Logger.getLogger("dev.codeai.integrations.request");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c && c >= 400 ? c : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        JsonObjectBuilder body = Jsons.PROVIDER.createObjectBuilder().add("type", "about:blank")
                .add("title", type == null ? "Error" : type.getReasonPhrase()).add("status", status)
                .add("detail", detail(status)).add("instance", path);
        String correlationId = RequestCorrelation.id(request::getAttribute);
        if (status >= 500) {
            LOG.log(Level.SEVERE, "Unexpected failure [correlation id " + correlationId + "] on " + uri,
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            body.add("correlation_id", correlationId);
        }
        REQUESTS.info(() -> "method=" + request.getMethod() + " path=" + path + " status=" + status
                + " duration_ms=-1 subject=- correlation_id=" + correlationId);
        response.setHeader(RequestCorrelation.HEADER, correlationId);
        response.setStatus(status);
        response.setContentType("application/problem+json"); // JSON is UTF-8 (RFC 8259), like every other problem here
        response.getOutputStream().write(body.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: its URI (e.g. invalid percent-encoding), a header such as"
                    + " Content-Type or Accept, or its body could not be read.";
            case 401 -> "This route needs a bearer token: send 'Authorization: Bearer <token>'.";
            case 403 -> "This request is not allowed.";
            case 404 -> "No resource at this path.";
            case 405 -> "This path does not accept that method.";
            case 406 -> "This resource cannot produce the requested media type.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 415 -> "This resource does not accept that content type.";
            case 501 -> "The server does not support that method.";
            default -> "An unexpected error occurred.";
        };
    }
}
