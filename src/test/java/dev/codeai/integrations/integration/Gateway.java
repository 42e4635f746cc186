package dev.codeai.integrations.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for the IT server's management API. */
final class Gateway {

    static final String BASE_URL = System.getProperty("it.baseUrl", "http://localhost:19080");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Gateway() {
    }

    static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(BASE_URL + path)).GET());
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(BASE_URL + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> invoke(String integration, String operation, String json) throws Exception {
        return post("/integrations/" + integration + "/operations/" + operation, json);
    }

    static void resetCircuit(String integration) throws Exception {
        post("/integrations/" + integration + "/circuit/reset", "");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
