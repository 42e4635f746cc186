package dev.codeai.integrations.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Gateway;
import dev.codeai.integrations.security.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The routes behind the console, over plain HTTP: its files, GET /me, the local sign-in, history and deliveries. */
class ConsoleApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesTheConsoleFromTheWarWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> bare = anonymous("/console", Map.of());
        HttpResponse<String> index = anonymous("/console/", Map.of());
        HttpResponse<String> script = anonymous("/console/js/app.js", Map.of());

        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p)
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"));
        assertThat(index.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>").doesNotContain("http://", "https://");
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(anonymous("/console/nothing-here.js", Map.of()).statusCode()).isEqualTo(404);
        assertThat(anonymous("/console/js/%2e%2e/%2e%2e/WEB-INF/classes/META-INF/persistence.xml", Map.of()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void meNamesTheCallerItsRolesAndTheActionsTheRulesAllow() throws Exception {
        JsonObject user = json(Gateway.send("GET", "/me", Optional.of(TestTokens.user()), Optional.empty(), "").body());
        JsonObject admin = json(Gateway.send("GET", "/me", Optional.of(TestTokens.admin()), Optional.empty(), "").body());

        assertThat(user.getString("subject")).isEqualTo("it-user");
        assertThat(user.getBoolean("admin")).isFalse();
        assertThat(user.getJsonObject("allowed").getBoolean("reset_circuit")).isFalse();
        assertThat(user.getJsonObject("allowed").getBoolean("manage_webhooks")).isTrue();
        assertThat(admin.getBoolean("admin")).isTrue();
        assertThat(admin.getJsonObject("allowed").getBoolean("reset_circuit")).isTrue();
        assertThat(Gateway.send("GET", "/me", Optional.empty(), Optional.empty(), "").statusCode()).isEqualTo(401);
    }

    @Test
    void localSignInMintsATokenOnlyForThisMachineAndOnlyWhereSwitchedOn() throws Exception {
        HttpResponse<String> minted = Gateway.send("POST", "/console/local-sign-in", Optional.empty(),
                Optional.of("application/json"), "{\"admin\":true}");
        HttpResponse<String> proxied = HTTP.send(HttpRequest.newBuilder(URI.create(Gateway.BASE_URL + "/console/local-sign-in"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString("{\"admin\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = HTTP.send(HttpRequest.newBuilder(URI.create(System.getProperty("it.baseUrl2",
                "http://localhost:19081") + "/console/local-sign-in")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(minted.statusCode()).isEqualTo(200);
        String token = json(minted.body()).getString("token");
        JsonObject caller = json(Gateway.send("GET", "/me", Optional.of(token), Optional.empty(), "").body());
        assertThat(caller.getString("subject")).isEqualTo("local-admin");
        assertThat(caller.getBoolean("admin")).isTrue();
        assertThat(proxied.statusCode()).isEqualTo(403);
        assertThat(proxied.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(proxied.body()).getString("detail")).contains("only available from the machine");
        // codeai-it2 runs without codeai.console.local-sign-in
        assertThat(json(second.body()).getBoolean("available")).isFalse();
        assertThat(json(second.body()).getString("reason")).contains("switched off");
    }

    @Test
    void aLocalSignInThatIsNotAdminTrueOrFalseIs400NamingTheField() throws Exception {
        HttpResponse<String> word = Gateway.send("POST", "/console/local-sign-in", Optional.empty(),
                Optional.of("application/json"), "{\"admin\":\"yes\"}");
        HttpResponse<String> empty = Gateway.send("POST", "/console/local-sign-in", Optional.empty(),
                Optional.of("application/json"), "{}");

        assertThat(word.statusCode()).isEqualTo(400);
        assertThat(word.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(word.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("admin");
        assertThat(word.body()).doesNotContain("token");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty.body()).getJsonArray("errors").getJsonObject(0).getString("message")).contains("required");
    }

    @Test
    void historyHasSixtyMinutesForEveryIntegration() throws Exception {
        HttpResponse<String> response = Gateway.get("/integrations/history");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject history = json(response.body());
        assertThat(history.getJsonArray("integrations")).hasSize(7).allSatisfy(i ->
                assertThat(i.asJsonObject().getJsonArray("minutes")).hasSize(60));
        assertThat(history.getJsonArray("integrations").getJsonObject(0).getJsonArray("minutes").getJsonObject(59))
                .containsKeys("start", "calls", "failures", "latency_p50", "latency_p99");
        assertThat(history).containsKey("circuit_events");
    }

    @Test
    void listsDeliveriesAcrossEndpointsByStatusAndEvent() throws Exception {
        HttpResponse<String> none = Gateway.get("/webhooks/deliveries?event_id=no-such-event");
        HttpResponse<String> bad = Gateway.get("/webhooks/deliveries?status=lost");

        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(json(none.body()).getJsonObject("pagination").getInt("total")).isZero();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("must be one of pending, retrying, delivered, failed");
    }

    private static HttpResponse<String> anonymous(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Gateway.BASE_URL + path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
