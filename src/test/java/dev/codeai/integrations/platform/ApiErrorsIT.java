package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Gateway;
import dev.codeai.integrations.integration.Poll;
import dev.codeai.integrations.security.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every error class of the API is an RFC 9457 problem with the right status and no internals. */
class ApiErrorsIT {

    private static final Optional<String> JSON = Optional.of("application/json");

    private static JsonObject problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("dev.codeai").doesNotContain("\tat ");
        JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
        assertThat(problem.getString("type")).isNotBlank();
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.getString("instance")).startsWith("/");
        return problem;
    }

    private static HttpResponse<String> send(String method, String path, Optional<String> type, String body)
            throws Exception {
        return Gateway.send(method, path, Optional.of(TestTokens.admin()), type, body);
    }

    @Test
    void unknownRouteIs404() throws Exception {
        problem(send("GET", "/no/such/route", Optional.empty(), ""), 404);
    }

    @Test
    void wrongMethodIs405() throws Exception {
        problem(send("DELETE", "/integrations/status", Optional.empty(), ""), 405);
    }

    @Test
    void unsupportedMediaTypeIs415() throws Exception {
        problem(send("POST", "/integrations/GitHubAPI/operations/get_user", Optional.of("text/plain"), "x"), 415);
    }

    @Test
    void malformedJsonIs400SayingWhere() throws Exception {
        JsonObject problem = problem(send("POST", "/integrations/GitHubAPI/operations/get_user", JSON,
                "{\n  \"username\": \"octocat\",,\n}"), 400);

        assertThat(problem.getString("detail")).contains("line 2");
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("body");
    }

    @Test
    void aNumberBeyondADoubleIs400NamingItsFieldOnTheOperationsAndOnEvents() throws Exception {
        JsonObject call = problem(send("POST", "/integrations/StripeAPI/operations/create_payment_intent", JSON,
                "{\"amount\": 1e999, \"currency\": \"usd\"}"), 400);
        JsonObject event = problem(send("POST", "/events", JSON,
                "{\"type\": \"order.created\", \"data\": {\"lines\": [{\"total\": -1e400}]}}"), 400);

        assertThat(call.getString("title")).isEqualTo("Number out of range");
        assertThat(call.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("amount");
        assertThat(event.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("data.lines[0].total");
    }

    @Test
    void wrongAndMissingFieldsAre400NamingEveryField() throws Exception {
        JsonObject problem = problem(send("POST", "/integrations/GitHubAPI/operations/get_user", JSON,
                "{\"bogus\": 1, \"other\": true}"), 400);

        assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field")).contains("username", "bogus", "other");
    }

    @Test
    void bodyOverTheLimitIs413WhetherDeclaredOrStreamed() throws Exception {
        String big = "{\"username\": \"" + "x".repeat(1_100_000) + "\"}";
        problem(send("POST", "/integrations/GitHubAPI/operations/get_user", JSON, big), 413);

        HttpRequest chunked = HttpRequest.newBuilder(URI.create(Gateway.BASE_URL
                        + "/integrations/GitHubAPI/operations/get_user"))
                .header("Authorization", "Bearer " + TestTokens.admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build();
        problem(HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString()), 413);
    }

    @Test
    void echoesTheCallersRequestIdOrMakesOne() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Gateway.BASE_URL + "/ping"))
                .header("X-Request-Id", "it-request-42").GET().build();
        HttpResponse<String> echoed = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> made = Gateway.get("/ping");

        assertThat(echoed.headers().firstValue("X-Request-Id")).contains("it-request-42");
        assertThat(made.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    }

    @Test
    void aRequestTheContainerRefusesIsAProblemWithARequestIdAndARequestLogLine() throws Exception {
        HttpResponse<String> refused = send("POST", "/webhooks", Optional.of(";;;"), "{}");

        problem(refused, 400);
        String id = refused.headers().firstValue("X-Request-Id").orElseThrow();
        Path messages = Path.of(System.getProperty("it.serverDir", "target/liberty/wlp/usr/servers/codeai-it"), "logs",
                "messages.log");
        String line = Poll.until(Duration.ofSeconds(10), () -> Files.readAllLines(messages).stream()
                .filter(l -> l.contains("correlation_id=" + id)).findFirst().orElse(""), l -> !l.isEmpty());
        assertThat(line).contains("method=POST path=/webhooks status=400");
    }
}
