package dev.codeai.integrations.webhook;

import static dev.codeai.integrations.webhook.WebhookApi.json;
import static dev.codeai.integrations.webhook.WebhookApi.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Poll;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What happens to deliveries around an endpoint's life: none is sent after the endpoint is deactivated (by PUT or by a
 * 410 Gone), they end failed unsent; recovery, refused while the endpoint is inactive, starts a delivery's schedule
 * again and leaves test deliveries alone; a failed attempt's error says what happened without a Java class name.
 * The IT server's schedule is 0.3 s, 0.6 s, the last wait repeating for the endpoint's 10 retries (pom.xml); a retry
 * that must not come before the test acts is moved an hour on in the database while no attempt of it is in flight,
 * so nothing here races the schedule.
 */
class DeliveryLifecycleIT {

    private static final String DATABASE = System.getProperty("it.database.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=root&currentSchema=codeai_it");
    private Receiver receiver;
    private final String type = "it." + UUID.randomUUID().toString().substring(0, 8) + ".lifecycle";
    private final String path = "/lifecycle/" + UUID.randomUUID();
    private String endpointId;

    @BeforeEach
    void listen() throws Exception {
        receiver = new Receiver();
    }

    /** The endpoint goes with its deliveries, then the receiver stops. */
    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (endpointId != null) {
                send("DELETE", "/webhooks/" + endpointId, null);
            }
        } finally {
            receiver.close();
        }
    }

    @Test
    void aDeactivatedEndpointGetsNoMoreAttemptsAndRecoveryStartsTheScheduleAgain() throws Exception {
        receiver.script(path, n -> Receiver.Answer.status(500));
        endpoint(receiver.url(path));
        Held first = retryingAndHeld();
        String test = json(send("POST", "/webhooks/" + endpointId + "/test", null).body()).getString("id");

        send("PUT", "/webhooks/" + endpointId, "{\"is_active\":false}");

        JsonObject failed = delivery(first.id());
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error")).contains("endpoint is inactive");
        assertThat(failed.getInt("attempt_count")).isEqualTo(first.attempts());
        HttpResponse<String> refused = send("POST", "/webhooks/" + endpointId + "/recover", "{\"since\":\"2020-01-01T00:00:00Z\"}");
        assertThat(refused.statusCode()).isEqualTo(409);

        send("PUT", "/webhooks/" + endpointId, "{\"is_active\":true}");
        JsonObject recovered = json(send("POST", "/webhooks/" + endpointId + "/recover",
                "{\"since\":\"2020-01-01T00:00:00Z\"}").body());

        assertThat(recovered.getInt("recovered")).as("the event's delivery, not the test delivery").isEqualTo(1);
        // Sent again at once, with a new schedule of 1 + 10 attempts (RedeliveryTest: its waits start from the first).
        JsonObject again = Poll.until(Duration.ofSeconds(20), () -> delivery(first.id()),
                d -> d.getInt("attempt_count") > first.attempts());
        assertThat(again.getInt("max_attempts")).isEqualTo(first.attempts() + 11);
        JsonObject testDelivery = delivery(test);
        assertThat(testDelivery.getString("status")).isEqualTo("failed");
        assertThat(testDelivery.getInt("max_attempts")).isEqualTo(1);
    }

    @Test
    void aGoneAnswerEndsTheEndpointsOtherPendingDeliveriesUnsent() throws Exception {
        AtomicInteger gone = new AtomicInteger();
        receiver.script(path, n -> Receiver.Answer.status(gone.get() > 0 ? 410 : 500));
        endpoint(receiver.url(path));
        Held pending = retryingAndHeld();
        gone.set(1);

        JsonObject test = json(send("POST", "/webhooks/" + endpointId + "/test", null).body());

        assertThat(test.getInt("response_status_code")).isEqualTo(410);
        assertThat(json(send("GET", "/webhooks/" + endpointId, null).body()).getBoolean("is_active")).isFalse();
        JsonObject ended = Poll.until(Duration.ofSeconds(10), () -> delivery(pending.id()),
                d -> d.getString("status").equals("failed"));
        assertThat(ended.getInt("attempt_count")).isEqualTo(pending.attempts());
        assertThat(ended.getString("error")).contains("endpoint is inactive");
        assertThat(receiver.at(path)).hasSize(pending.attempts() + 1);
    }

    @Test
    void aFailedAttemptSaysWhatHappenedWithoutAClassName() throws Exception {
        endpoint("http://127.0.0.1:1/closed");

        JsonObject test = json(send("POST", "/webhooks/" + endpointId + "/test", null).body());

        assertThat(test.getString("status")).isEqualTo("failed");
        assertThat(test.getString("error")).startsWith("cannot connect").doesNotContain("Exception");
    }

    /** Created with an unknown field as well, which is ignored with a warning (DSL.md §5.7). */
    private void endpoint(String url) throws Exception {
        HttpResponse<String> made = send("POST", "/webhooks", "{\"name\":\"lifecycle\",\"url\":\"" + url + "\",\"events\":[\""
                + type + "\"],\"retry_count\":10,\"team\":\"payments\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        endpointId = json(made.body()).getString("id");
    }

    /** A delivery whose retry the test holds back, with the attempts it had then. */
    private record Held(String id, int attempts) {
    }

    /**
     * Publishes an event and, once an attempt of it failed and none is in flight, moves its next retry an hour on:
     * from then on only the test decides what happens to it.
     */
    private Held retryingAndHeld() throws Exception {
        String event = "evt-" + UUID.randomUUID();
        send("POST", "/events", "{\"id\":\"" + event + "\",\"type\":\"" + type + "\"}");
        String id = Poll.until(Duration.ofSeconds(20), () -> json(send("GET", "/webhooks/deliveries?event_id=" + event, null)
                .body()).getJsonArray("data"), data -> !data.isEmpty()).getJsonObject(0).getString("id");
        int attempts = Poll.until(Duration.ofSeconds(20), () -> {
            try (Connection db = DriverManager.getConnection(DATABASE);
                 PreparedStatement hold = db.prepareStatement("UPDATE webhook_delivery SET next_retry_at = "
                         + "(now() AT TIME ZONE 'UTC') + INTERVAL '1 hour' WHERE id = ? AND status = 'retrying' AND attempt_count >= 1 "
                         + "AND (claimed_until IS NULL OR claimed_until < now() AT TIME ZONE 'UTC') RETURNING attempt_count")) {
                hold.setString(1, id);
                try (ResultSet row = hold.executeQuery()) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
        }, n -> n > 0);
        assertThat(receiver.at(path)).hasSize(attempts);
        return new Held(id, attempts);
    }

    private static JsonObject delivery(String id) throws Exception {
        return json(send("GET", "/webhooks/deliveries/" + id, null).body()).getJsonObject("delivery");
    }
}
