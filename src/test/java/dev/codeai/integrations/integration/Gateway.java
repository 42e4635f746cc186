package dev.codeai.integrations.integration;

import dev.codeai.integrations.security.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A tiny HTTP client for the IT server's API; it calls as an admin unless given another token. */
public final class Gateway {

    public static final String BASE_URL = System.getProperty("it.baseUrl", "http://localhost:19080");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Gateway() {
    }

    public static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, Optional.of(TestTokens.admin()), Optional.empty(), "");
    }

    public static HttpResponse<String> post(String path, String json) throws Exception {
        return send("POST", path, Optional.of(TestTokens.admin()), Optional.of("application/json"), json);
    }

    static HttpResponse<String> invoke(String integration, String operation, String json) throws Exception {
        return post("/integrations/" + integration + "/operations/" + operation, json);
    }

    /** An invocation with an {@code Idempotency-Key} header. */
    static HttpResponse<String> invoke(String integration, String operation, String json, String idempotencyKey)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE_URL + "/integrations/" + integration + "/operations/"
                        + operation)).timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + TestTokens.admin()).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Closes the integration's breaker and empties its response cache, so tests do not see each other. */
    static void reset(String integration) throws Exception {
        post("/integrations/" + integration + "/circuit/reset", "");
        send("DELETE", "/integrations/" + integration + "/cache", Optional.of(TestTokens.admin()), Optional.empty(), "");
    }

    /** Any request: {@code token} empty sends no Authorization header; a body is sent when a type is given. */
    public static HttpResponse<String> send(String method, String path, Optional<String> token,
                                            Optional<String> contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE_URL + path)).timeout(Duration.ofSeconds(90))
                .method(method, contentType.isPresent() ? HttpRequest.BodyPublishers.ofString(body)
                        : HttpRequest.BodyPublishers.noBody());
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        contentType.ifPresent(type -> request.header("Content-Type", type));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
