package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.codeai.integrations.security.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batching (DSL.md §5.4 "Batching rule") with the example's NotificationService (max_batch_size 100, max_delay 5 s):
 * send_email/send_sms/send_push calls go upstream as send_batch calls; the fake upstream answers one result per
 * message, naming its recipient, so every caller can be checked to receive its own item's result.
 */
class BatchingIT {

    private static final String BATCH = "/notify/batch";
    /** One result per message, in order: {"id":"msg-<recipient>","status":"queued"}. */
    private static final String RESULTS = "{\"results\":[{{#each (jsonPath request.body '$.messages') as |m|}}"
            + "{\"id\":\"msg-{{m.recipient}}\",\"status\":\"queued\"}{{#unless @last}},{{/unless}}{{/each}}]}";

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    @AfterEach
    void reset() throws Exception {
        upstream.resetAll();
        Gateway.reset("NotificationService");
    }

    @Test
    void sends250ConcurrentEmailsAsBatchesOf100And100And50AndAnswersEachCallerItsOwnResult() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(BATCH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(RESULTS).withTransformers("response-template")));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = TestTokens.admin();
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                String body = "{\"to\":\"user" + i + "@example.com\",\"subject\":\"Hello " + i + "\",\"body\":\"b\"}";
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(Gateway.BASE_URL
                                + "/integrations/NotificationService/operations/send_email"))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < 250; i++) {
                HttpResponse<String> response = calls.get(i).join();
                assertThat(response.statusCode()).as("call %d: %s", i, response.body()).isEqualTo(200);
                assertThat(json(response.body()).getString("id")).isEqualTo("msg-user" + i + "@example.com");
            }
        } finally {
            threads.shutdownNow();
        }

        List<LoggedRequest> batches = upstream.findAll(postRequestedFor(urlPathEqualTo(BATCH)));
        assertThat(batches.stream().map(r -> messages(r).size()).sorted().toList()).containsExactly(50, 100, 100);
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/notify/email")));
        JsonObject item = messages(batches.get(0)).getJsonObject(0);
        assertThat(item.getString("channel")).isEqualTo("email");
        assertThat(item.getString("recipient")).startsWith("user").endsWith("@example.com");
        assertThat(item.getJsonObject("content").keySet()).as("the arguments not used for recipient")
                .containsExactlyInAnyOrder("subject", "body");
        assertThat(batches.get(0).getHeader("X-API-Key")).isEqualTo("it-notify-key");
        assertThat(batches.get(0).getHeader("Idempotency-Key")).as("generate: true").isNotBlank();
    }

    @Test
    void sendsALoneCallByItselfAfterTheDelayWithItemFieldsFromTheRule() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(BATCH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(RESULTS).withTransformers("response-template")));

        HttpResponse<String> push = Gateway.invoke("NotificationService", "send_push",
                "{\"user_id\":\"u-7\",\"title\":\"Hi\",\"message\":\"m\",\"data\":{\"k\":1}}");

        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(push.body()).isEqualTo("{\"id\":\"msg-u-7\",\"status\":\"queued\"}");
        List<LoggedRequest> batches = upstream.findAll(postRequestedFor(urlPathEqualTo(BATCH)));
        assertThat(batches).hasSize(1);
        JsonObject item = messages(batches.get(0)).getJsonObject(0);
        assertThat(item.getString("channel")).isEqualTo("push");
        assertThat(item.getString("recipient")).isEqualTo("u-7");
        assertThat(item.getJsonObject("content")).isEqualTo(json("{\"title\":\"Hi\",\"message\":\"m\",\"data\":{\"k\":1}}"));
    }

    @Test
    void callsTheBatchOperationDirectlyWithoutBuffering() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(BATCH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(RESULTS).withTransformers("response-template")));

        HttpResponse<String> direct = Gateway.invoke("NotificationService", "send_batch",
                "{\"messages\":[{\"channel\":\"sms\",\"recipient\":\"+15551234567\",\"content\":{\"message\":\"m\"}}]}");

        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(json(direct.body()).getJsonArray("results")).hasSize(1);
        upstream.verify(1, postRequestedFor(urlPathEqualTo(BATCH)));
    }

    @Test
    void givesEveryCallerTheWholeBatchAnswerWhenItHasNoResultPerItem() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(BATCH)).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"bad recipient\",\"failed\":[]}")));

        HttpResponse<String> sms = Gateway.invoke("NotificationService", "send_sms", "{\"to\":\"+1\",\"message\":\"m\"}");

        assertThat(sms.statusCode()).isEqualTo(422);
        assertThat(sms.body()).isEqualTo("{\"error\":\"bad recipient\",\"failed\":[]}");
    }

    @Test
    void checksEachCallsArgumentsBeforeBufferingIt() throws Exception {
        HttpResponse<String> invalid = Gateway.invoke("NotificationService", "send_email", "{\"subject\":\"no recipient\"}");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"to\"");
        upstream.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void givesEveryCallerTheBatchCallsProblem() throws Exception {
        upstream.stubFor(post(urlPathMatching("/notify/.*")).willReturn(aResponse().withStatus(503)));

        HttpResponse<String> email = Gateway.invoke("NotificationService", "send_email",
                "{\"to\":\"a@example.com\",\"subject\":\"s\"}");

        assertThat(email.statusCode()).isEqualTo(502);
        assertThat(email.headers().firstValue("Content-Type")).contains("application/problem+json");
        upstream.verify(4, postRequestedFor(urlPathEqualTo(BATCH)));
    }

    private static JsonArray messages(LoggedRequest batch) {
        return json(batch.getBodyAsString()).getJsonArray("messages");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
