package dev.codeai.integrations.webhook;

import static dev.codeai.integrations.webhook.WebhookApi.json;
import static dev.codeai.integrations.webhook.WebhookApi.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.standardwebhooks.Webhook;
import dev.codeai.integrations.integration.Poll;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook engine in the running IT server against a real receiver (DSL.md §5.6): management API, publishing,
 * signed deliveries verified with the Standard Webhooks library and the DSL header rule, the retry schedule (deployed
 * as 0.3 s, 0.6 s: three attempts), dead letters, manual retries, 410, rotation and deletion. Each test subscribes its
 * own endpoint to its own event type, so tests never see each other's deliveries.
 */
class WebhooksIT {

    private static Receiver receiver;
    private final List<String> created = new ArrayList<>();
    private final String type = "it." + UUID.randomUUID().toString().substring(0, 8) + ".created";
    private final String path = "/hooks/" + UUID.randomUUID();

    @BeforeAll
    static void listen() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @AfterEach
    void deleteEndpoints() throws Exception {
        for (String id : created) {
            send("DELETE", "/webhooks/" + id, null);
        }
    }

    @Test
    void createsAnEndpointWithAGeneratedSecretShownOnlyOnce() throws Exception {
        HttpResponse<String> made = send("POST", "/webhooks", "{\"name\":\"Orders\",\"url\":\"" + receiver.url(path)
                + "\",\"events\":[\"order.*\"]}");
        JsonObject endpoint = json(made.body());
        created.add(endpoint.getString("id"));
        HttpResponse<String> read = send("GET", "/webhooks/" + endpoint.getString("id"), null);
        HttpResponse<String> list = send("GET", "/webhooks?is_active=true&limit=100", null);

        assertThat(made.statusCode()).isEqualTo(201);
        assertThat(endpoint.getString("secret")).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(endpoint.getBoolean("is_active")).isTrue();
        assertThat(endpoint.getBoolean("is_healthy")).isTrue();
        assertThat(endpoint.getJsonArray("events").getString(0)).isEqualTo("order.*");
        assertThat(json(read.body()).getString("secret")).isEqualTo("whsec_********");
        JsonObject page = json(list.body());
        assertThat(page.getJsonObject("pagination").keySet())
                .containsExactly("page", "limit", "total", "total_pages", "has_next", "has_previous");
        assertThat(page.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")))
                .contains(endpoint.getString("id"));
        assertThat(list.body()).doesNotContain(endpoint.getString("secret"));
    }

    @Test
    void updatesAnEndpointsFields() throws Exception {
        JsonObject endpoint = endpoint(List.of(type));

        HttpResponse<String> updated = send("PUT", "/webhooks/" + endpoint.getString("id"),
                "{\"name\":\"Renamed\",\"events\":[\"invoice.*\"],\"is_active\":false}");
        JsonObject read = json(send("GET", "/webhooks/" + endpoint.getString("id"), null).body());
        HttpResponse<String> invalid = send("PUT", "/webhooks/" + endpoint.getString("id"), "{\"is_active\":\"no\"}");

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(read.getString("name")).isEqualTo("Renamed");
        assertThat(read.getJsonArray("events").getString(0)).isEqualTo("invoice.*");
        assertThat(read.getBoolean("is_active")).isFalse();
        assertThat(read.getString("url")).isEqualTo(endpoint.getString("url"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"is_active\"");
    }

    @Test
    void anEndpointThatKeepsFailingIsPostponedUncharged() throws Exception {
        receiver.script(path, n -> Receiver.Answer.status(n <= 3 ? 500 : 200));
        String opsPath = path + "/ops";
        HttpResponse<String> ops = send("POST", "/webhooks", "{\"name\":\"ops-webhook\",\"url\":\"" + receiver.url(opsPath)
                + "\",\"events\":[\"nothing.subscribed\"]}");
        created.add(json(ops.body()).getString("id"));
        JsonObject endpoint = endpoint(List.of(type));
        String id = endpoint.getString("id");
        send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{\"n\":1}}");
        Poll.until(Duration.ofSeconds(20), () -> onlyDelivery(endpoint), d -> d.getString("status").equals("failed"));
        JsonObject opened = json(send("GET", "/webhooks/" + id, null).body());

        send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{\"n\":2}}");
        JsonObject postponed = Poll.until(Duration.ofSeconds(5), () -> onlyDelivery(endpoint),
                d -> d.getInt("attempt_count", -1) == 0 && d.getString("status").equals("pending") && d.containsKey("next_retry_at"));
        int sentWhileOpen = receiver.at(path).size();
        JsonObject probed = Poll.until(Duration.ofSeconds(20), () -> onlyDelivery(endpoint),
                d -> d.getString("status").equals("delivered"));
        JsonObject closed = json(send("GET", "/webhooks/" + id, null).body());

        assertThat(opened.getBoolean("is_healthy")).as("3 consecutive failures (deployed threshold)").isFalse();
        assertThat(opened.getInt("consecutive_failures")).isEqualTo(3);
        assertThat(postponed.getInt("attempt_count")).isZero();
        assertThat(sentWhileOpen).isEqualTo(3);
        assertThat(probed.getInt("attempt_count")).as("the probe, after reset_after").isEqualTo(1);
        assertThat(closed.getBoolean("is_healthy")).isTrue();
        assertThat(closed.getInt("consecutive_failures")).isZero();
        String log = Poll.until(Duration.ofSeconds(10), WebhooksIT::serverLog,
                l -> l.contains("IntegrationCircuitClosed") && l.contains("WebhookDeliveryService/" + id));
        assertThat(log).contains("event IntegrationCircuitOpened {\"integration\":\"WebhookDeliveryService/" + id + "\"");
        Receiver.Received alert = Poll.until(Duration.ofSeconds(20), () -> receiver.at(opsPath), r -> !r.isEmpty()).get(0);
        assertThat(json(alert.text()).getString("event")).as("webhook(\"ops-webhook\") of the DSL's event declaration")
                .isEqualTo("IntegrationCircuitOpened");
        assertThat(json(alert.text()).getJsonObject("data").getString("integration")).isEqualTo("WebhookDeliveryService/" + id);
    }

    @Test
    void refusesBadEndpointsNamingEveryField() throws Exception {
        HttpResponse<String> bad = send("POST", "/webhooks", "{\"name\":\"\",\"url\":\"http://10.0.0.5/hook\","
                + "\"events\":[],\"secret\":\"whsec_short\",\"colour\":\"red\"}");
        HttpResponse<String> metadata = send("POST", "/webhooks", "{\"name\":\"x\",\"url\":\"http://169.254.169.254/latest\","
                + "\"events\":[\"*\"]}");
        HttpResponse<String> scheme = send("POST", "/webhooks", "{\"name\":\"x\",\"url\":\"ftp://example.com/\","
                + "\"events\":[\"*\"]}");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(bad.body()).contains("\"field\":\"name\"", "\"field\":\"url\"", "\"field\":\"events\"",
                "\"field\":\"secret\"", "private")
                .as("unknown fields are ignored with a warning (DSL.md §5.7)").doesNotContain("colour");
        assertThat(metadata.statusCode()).isEqualTo(400);
        assertThat(scheme.statusCode()).isEqualTo(400);
        HttpResponse<String> notUuid = send("PUT", "/webhooks/not-a-uuid", "{\"name\":\"x\"}");
        assertThat(notUuid.statusCode()).as("a malformed uuid path parameter (DSL.md §5.7)").isEqualTo(400);
        assertThat(json(notUuid.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("id");
        assertThat(send("POST", "/webhooks/deliveries/not-a-uuid/retry", null).statusCode()).isEqualTo(400);
    }

    @Test
    void deliversAPublishedEventSignedForStandardWebhooksAndTheDslHeader() throws Exception {
        JsonObject endpoint = endpoint(List.of(type));
        String secret = endpoint.getString("secret");

        HttpResponse<String> published = send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{\"order_id\":42}}");
        Receiver.Received got = Poll.until(Duration.ofSeconds(20), () -> receiver.at(path), r -> !r.isEmpty()).get(0);

        assertThat(published.statusCode()).isEqualTo(202);
        assertThat(json(published.body()).getInt("deliveries")).isEqualTo(1);
        JsonObject body = json(got.text());
        assertThat(body.getString("event")).isEqualTo(type);
        assertThat(body.getJsonObject("data").getInt("order_id")).isEqualTo(42);
        assertThat(body.getString("timestamp")).endsWith("Z");
        assertThatCode(() -> new Webhook(secret).verify(got.text(), got.headers())).doesNotThrowAnyException();
        String timestamp = got.header("X-Webhook-Timestamp");
        assertThat(got.header("X-Webhook-Signature")).isEqualTo("sha256=" + hmacHex(secret, timestamp + "." + got.text()));
        assertThat(got.header("X-Webhook-Event")).isEqualTo(type);
        assertThat(got.header("X-Webhook-Delivery")).isEqualTo(got.header("webhook-id"));
        JsonObject delivery = Poll.until(Duration.ofSeconds(10), () -> onlyDelivery(endpoint),
                d -> d.getString("status").equals("delivered"));
        assertThat(delivery.getString("status")).isEqualTo("delivered");
        assertThat(delivery.getString("id")).isEqualTo(got.header("webhook-id"));
        assertThat(delivery.getInt("attempt_count")).isEqualTo(1);
        assertThat(delivery.getInt("response_status_code")).isEqualTo(200);
    }

    @Test
    void fansOutAnEventIdOnce() throws Exception {
        endpoint(List.of(type));
        String event = "{\"id\":\"evt-" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"data\":{}}";

        JsonObject first = json(send("POST", "/events", event).body());
        JsonObject again = json(send("POST", "/events", event).body());
        Poll.until(Duration.ofSeconds(20), () -> receiver.at(path), r -> !r.isEmpty());

        assertThat(again).isEqualTo(first);
        assertThat(first.getInt("deliveries")).isEqualTo(1);
        assertThat(Poll.until(Duration.ofSeconds(2), () -> receiver.at(path).size(), n -> n > 1)).isEqualTo(1);
    }

    @Test
    void retriesOnTheScheduleWithTheSameDeliveryIdUntilTheReceiverAccepts() throws Exception {
        receiver.script(path, n -> Receiver.Answer.status(n < 3 ? 500 : 200));
        JsonObject endpoint = endpoint(List.of(type));

        send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{\"n\":1}}");
        JsonObject delivery = Poll.until(Duration.ofSeconds(20), () -> onlyDelivery(endpoint),
                d -> d.getString("status").equals("delivered"));

        assertThat(delivery.getInt("attempt_count")).isEqualTo(3);
        List<Receiver.Received> got = receiver.at(path);
        assertThat(got).hasSize(3);
        assertThat(got.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
        assertThat(got.stream().map(Receiver.Received::text).distinct()).as("the same bytes on every attempt").hasSize(1);
        JsonObject detail = json(send("GET", "/webhooks/deliveries/" + delivery.getString("id"), null).body());
        JsonArray attempts = detail.getJsonArray("attempts");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.getJsonObject(0).getInt("response_status_code")).isEqualTo(500);
        assertThat(attempts.getJsonObject(2).getInt("response_status_code")).isEqualTo(200);
    }

    @Test
    void deadLettersADeliveryAfterItsLastAttemptAndRetriesItByHand() throws Exception {
        receiver.script(path, n -> Receiver.Answer.status(n <= 3 ? 503 : 200));
        JsonObject endpoint = endpoint(List.of(type));

        send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{}}");
        JsonObject failed = Poll.until(Duration.ofSeconds(20), () -> onlyDelivery(endpoint),
                d -> d.getString("status").equals("failed"));
        String id = failed.getString("id");
        String log = Poll.until(Duration.ofSeconds(10), WebhooksIT::serverLog, l -> l.contains(id));
        JsonObject dead = json(send("GET", "/webhooks/" + endpoint.getString("id") + "/deliveries?status=failed", null).body());
        JsonObject none = json(send("GET", "/webhooks/" + endpoint.getString("id") + "/deliveries?status=delivered", null).body());
        int unknownStatus = send("GET", "/webhooks/" + endpoint.getString("id") + "/deliveries?status=lost", null).statusCode();
        HttpResponse<String> retried = send("POST", "/webhooks/deliveries/" + id + "/retry", null);

        assertThat(failed.getInt("attempt_count")).isEqualTo(3);
        assertThat(log).contains("event WebhookDeliveryFailed").contains(id);
        assertThat(dead.getJsonArray("data")).hasSize(1);
        assertThat(none.getJsonArray("data")).isEmpty();
        assertThat(unknownStatus).isEqualTo(400);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(json(retried.body()).getString("status")).isEqualTo("delivered");
        assertThat(json(retried.body()).getInt("attempt_count")).isEqualTo(4);
        assertThat(receiver.at(path)).hasSize(4);
    }

    @Test
    void recoveringRequeuesTheFailedDeliveriesSinceATime() throws Exception {
        receiver.script(path, n -> Receiver.Answer.status(n <= 3 ? 500 : 200));
        JsonObject endpoint = endpoint(List.of(type));
        String since = java.time.Instant.now().minusSeconds(60).toString();
        send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{}}");
        Poll.until(Duration.ofSeconds(20), () -> onlyDelivery(endpoint), d -> d.getString("status").equals("failed"));

        HttpResponse<String> recovered = send("POST", "/webhooks/" + endpoint.getString("id") + "/recover",
                "{\"since\":\"" + since + "\"}");
        JsonObject delivered = Poll.until(Duration.ofSeconds(20), () -> onlyDelivery(endpoint),
                d -> d.getString("status").equals("delivered"));

        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(json(recovered.body()).getInt("recovered")).isEqualTo(1);
        assertThat(delivered.getInt("attempt_count")).isEqualTo(4);
        assertThat(send("POST", "/webhooks/" + endpoint.getString("id") + "/recover", "{\"since\":\"yesterday\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAtDeliveryTimeAnEndpointThatNowPointsInside() throws Exception {
        JsonObject endpoint = endpoint(List.of(type));
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(System.getProperty("it.database.url",
                "jdbc:postgresql://127.0.0.1:5432/test?user=root&currentSchema=codeai_it"));
             java.sql.PreparedStatement update = db.prepareStatement("UPDATE webhook_endpoint SET url = ? WHERE id = ?")) {
            // As if its host's DNS answer had changed to a private address after the endpoint was checked.
            update.setString(1, "http://10.11.12.13:9/hook");
            update.setString(2, endpoint.getString("id"));
            update.executeUpdate();
        }

        send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{}}");
        JsonObject failed = Poll.until(Duration.ofSeconds(20), () -> onlyDelivery(endpoint),
                d -> d.getString("status").equals("failed"));

        assertThat(failed.getString("error")).contains("SSRF", "10.11.12.13", "private");
        assertThat(failed.getInt("attempt_count")).isEqualTo(3);
    }

    @Test
    void goneDisablesTheEndpointAtOnce() throws Exception {
        receiver.script(path, n -> Receiver.Answer.status(410));
        JsonObject endpoint = endpoint(List.of(type));

        send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{}}");
        JsonObject failed = Poll.until(Duration.ofSeconds(20), () -> onlyDelivery(endpoint),
                d -> d.getString("status").equals("failed"));

        assertThat(failed.getInt("attempt_count")).isEqualTo(1);
        assertThat(json(send("GET", "/webhooks/" + endpoint.getString("id"), null).body()).getBoolean("is_active")).isFalse();
    }

    @Test
    void aTestDeliveryAnswersItsOutcome() throws Exception {
        JsonObject endpoint = endpoint(List.of("never.published"));

        HttpResponse<String> tested = send("POST", "/webhooks/" + endpoint.getString("id") + "/test", null);

        assertThat(tested.statusCode()).isEqualTo(200);
        JsonObject delivery = json(tested.body());
        assertThat(delivery.getString("event_type")).isEqualTo("webhook.test");
        assertThat(delivery.getString("status")).isEqualTo("delivered");
        assertThat(delivery.getInt("response_status_code")).isEqualTo(200);
        assertThat(delivery.containsKey("duration_ms")).isTrue();
        assertThat(json(receiver.at(path).get(0).text()).getJsonObject("data")).isEmpty();
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneDuringItsGracePeriod() throws Exception {
        JsonObject endpoint = endpoint(List.of(type));
        String old = endpoint.getString("secret");

        JsonObject rotated = json(send("POST", "/webhooks/" + endpoint.getString("id") + "/secret/rotate", null).body());
        send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{}}");
        Receiver.Received got = Poll.until(Duration.ofSeconds(20), () -> receiver.at(path), r -> !r.isEmpty()).get(0);

        String fresh = rotated.getString("secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        assertThat(got.header("webhook-signature").split(" ")).hasSize(2);
        assertThatCode(() -> new Webhook(fresh).verify(got.text(), got.headers())).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(old).verify(got.text(), got.headers())).doesNotThrowAnyException();
    }

    @Test
    void deletingAnEndpointStopsItsPendingDeliveries() throws Exception {
        receiver.script(path, n -> Receiver.Answer.status(500));
        JsonObject endpoint = endpoint(List.of(type));
        send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{}}");
        Poll.until(Duration.ofSeconds(20), () -> receiver.at(path), r -> !r.isEmpty());

        HttpResponse<String> deleted = send("DELETE", "/webhooks/" + endpoint.getString("id"), null);
        created.clear();
        int seen = receiver.at(path).size();

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/webhooks/" + endpoint.getString("id"), null).statusCode()).isEqualTo(404);
        assertThat(Poll.until(Duration.ofSeconds(3), () -> receiver.at(path).size(), n -> n > seen + 1))
                .as("at most the attempt in flight while deleting").isLessThanOrEqualTo(seen + 1);
    }

    private JsonObject endpoint(List<String> events) throws Exception {
        var array = Json.createArrayBuilder();
        events.forEach(array::add);
        HttpResponse<String> made = send("POST", "/webhooks", Json.createObjectBuilder().add("name", "it-" + path)
                .add("url", receiver.url(path)).add("events", array).build().toString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonObject endpoint = json(made.body());
        created.add(endpoint.getString("id"));
        return endpoint;
    }

    private static JsonObject onlyDelivery(JsonObject endpoint) throws Exception {
        JsonArray data = json(send("GET", "/webhooks/" + endpoint.getString("id") + "/deliveries", null).body())
                .getJsonArray("data");
        return data.isEmpty() ? Json.createObjectBuilder().add("status", "none").build() : data.getJsonObject(0);
    }


    /**
     * Both IT servers' logs, rolled-over ones too (WebhookInstancesIT restarts the second): either instance may make
     * a delivery's later attempts and publish what follows from them.
     */
    private static String serverLog() throws Exception {
        Path first = Path.of(System.getProperty("it.serverDir", "target/liberty/wlp/usr/servers/codeai-it"));
        StringBuilder logs = new StringBuilder();
        for (Path server : List.of(first, first.resolveSibling("codeai-it2"))) {
            try (var files = Files.newDirectoryStream(server.resolve("logs"), "messages*.log")) {
                for (Path log : files) {
                    logs.append(Files.readString(log, StandardCharsets.UTF_8));
                }
            }
        }
        return logs.toString();
    }

    private static String hmacHex(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }


}
