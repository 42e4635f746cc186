package dev.codeai.integrations.integration;

import dev.codeai.integrations.security.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny HTTP client for the IT servers' API; it calls as an admin unless given another token. The static methods
 * call the first server; {@link #SECOND} is the second instance on the same database and Redis (ClusterIT).
 */
public final class Gateway {

    public static final String BASE_URL = System.getProperty("it.baseUrl", "http://localhost:19080");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Instance FIRST = new Instance(BASE_URL);
    static final Instance SECOND = new Instance(System.getProperty("it.baseUrl2", "http://localhost:19081"));

    private Gateway() {
    }

    public static HttpResponse<String> get(String path) throws Exception {
        return FIRST.get(path);
    }

    public static HttpResponse<String> post(String path, String json) throws Exception {
        return FIRST.post(path, json);
    }

    public static HttpResponse<String> invoke(String integration, String operation, String json) throws Exception {
        return FIRST.invoke(integration, operation, json);
    }

    /** An invocation with an {@code Idempotency-Key} header. */
    static HttpResponse<String> invoke(String integration, String operation, String json, String idempotencyKey)
            throws Exception {
        return FIRST.invoke(integration, operation, json, idempotencyKey);
    }

    /** Closes the integration's breaker and empties its response cache, so tests do not see each other. */
    public static void reset(String integration) throws Exception {
        FIRST.reset(integration);
        SECOND.reset(integration);
    }

    /** Any request: {@code token} empty sends no Authorization header; a body is sent when a type is given. */
    public static HttpResponse<String> send(String method, String path, Optional<String> token,
                                            Optional<String> contentType, String body) throws Exception {
        return FIRST.send(method, path, token, contentType, body, Map.of());
    }

    /** One server instance. */
    record Instance(String baseUrl) {

        HttpResponse<String> get(String path) throws Exception {
            return send("GET", path, Optional.of(TestTokens.admin()), Optional.empty(), "", Map.of());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send("POST", path, Optional.of(TestTokens.admin()), Optional.of("application/json"), json, Map.of());
        }

        HttpResponse<String> invoke(String integration, String operation, String json) throws Exception {
            return post("/integrations/" + integration + "/operations/" + operation, json);
        }

        HttpResponse<String> invoke(String integration, String operation, String json, String idempotencyKey)
                throws Exception {
            return send("POST", "/integrations/" + integration + "/operations/" + operation, Optional.of(TestTokens.admin()),
                    Optional.of("application/json"), json, Map.of("Idempotency-Key", idempotencyKey));
        }

        void reset(String integration) throws Exception {
            post("/integrations/" + integration + "/circuit/reset", "");
            send("DELETE", "/integrations/" + integration + "/cache", Optional.of(TestTokens.admin()), Optional.empty(), "",
                    Map.of());
        }

        HttpResponse<String> send(String method, String path, Optional<String> token, Optional<String> contentType,
                                  String body, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(90))
                    .method(method, contentType.isPresent() ? HttpRequest.BodyPublishers.ofString(body)
                            : HttpRequest.BodyPublishers.noBody());
            token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
            contentType.ifPresent(type -> request.header("Content-Type", type));
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
