package dev.codeai.integrations.webhook;

import static dev.codeai.integrations.webhook.WebhookApi.json;
import static dev.codeai.integrations.webhook.WebhookApi.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Poll;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /events/batch}: many events in one request and one transaction, each answered like a single
 * publication (a known id creates nothing and answers its first result), and a batch with one invalid event stores
 * none of them.
 */
class EventBatchIT {

    private static Receiver receiver;
    private final List<String> created = new ArrayList<>();
    private final String type = "it." + UUID.randomUUID().toString().substring(0, 8) + ".batched";
    private final String path = "/batches/" + UUID.randomUUID();

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
    void publishesABatchAndAnswersEveryEventInOrder() throws Exception {
        endpoint("batch-a");
        endpoint("batch-b");
        String known = "evt-" + UUID.randomUUID();
        JsonObject first = json(send("POST", "/events", "{\"id\":\"" + known + "\",\"type\":\"" + type + "\"}").body());
        String repeated = "evt-" + UUID.randomUUID();

        HttpResponse<String> answer = send("POST", "/events/batch", "{\"events\":["
                + "{\"type\":\"" + type + "\",\"data\":{\"n\":1}},"
                + "{\"id\":\"" + known + "\",\"type\":\"" + type + "\"},"
                + "{\"id\":\"" + repeated + "\",\"type\":\"" + type + "\",\"data\":{\"n\":2}},"
                + "{\"id\":\"" + repeated + "\",\"type\":\"" + type + "\",\"data\":{\"n\":3}},"
                + "{\"type\":\"other." + type + "\"}]}");
        JsonObject batch = json(answer.body());
        JsonArray events = batch.getJsonArray("events");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(events).hasSize(5);
        assertThat(events.getJsonObject(0).getString("id")).isNotBlank();
        assertThat(events.getJsonObject(0).getInt("deliveries")).isEqualTo(2);
        assertThat(events.getJsonObject(1)).isEqualTo(first);
        assertThat(events.getJsonObject(2).getString("id")).isEqualTo(repeated);
        assertThat(events.getJsonObject(3)).isEqualTo(events.getJsonObject(2));
        assertThat(events.getJsonObject(4).getInt("deliveries")).isZero();
        assertThat(batch.getInt("deliveries")).isEqualTo(4);
        // The known event's two deliveries, then the batch's four: n=1 and n=2 to each endpoint, never n=3.
        List<Receiver.Received> received = Poll.until(Duration.ofSeconds(20), this::all, r -> r.size() >= 6);
        assertThat(received).hasSize(6);
        assertThat(received).noneMatch(r -> r.text().contains("\"n\":3"));
        assertThat(received).filteredOn(r -> r.text().contains("\"n\":2")).hasSize(2);
    }

    @Test
    void aBatchWithAnInvalidEventStoresNoneAndNamesTheField() throws Exception {
        endpoint("batch-a");
        String valid = "evt-" + UUID.randomUUID();

        HttpResponse<String> answer = send("POST", "/events/batch", "{\"events\":[{\"id\":\"" + valid + "\",\"type\":\""
                + type + "\"},{\"data\":{}},7]}");
        HttpResponse<String> empty = send("POST", "/events/batch", "{\"events\":[]}");
        JsonObject later = json(send("POST", "/events", "{\"id\":\"" + valid + "\",\"type\":\"" + type + "\"}").body());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(answer.body()).getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                .containsExactly("events[1].type", "events[2]");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("events");
        // Nothing of the refused batch was stored: the valid event's id is new afterwards.
        assertThat(later.getInt("deliveries")).isEqualTo(1);
    }

    @Test
    void anEventTypeNoHeaderCanCarryIsRefusedWhenPublishedNotFailedAtEveryAttempt() throws Exception {
        HttpResponse<String> single = send("POST", "/events", "{\"type\":\"order.created\\r\\nX-Injected: 1\",\"data\":{}}");
        HttpResponse<String> batch = send("POST", "/events/batch", "{\"events\":[{\"type\":\"" + type
                + "\"},{\"type\":\"nul\\u0000x\"},{\"type\":\"\u0437\u0430\u043a\u0430\u0437\"}]}");
        HttpResponse<String> pattern = send("POST", "/webhooks", "{\"name\":\"p\",\"url\":\"" + receiver.url(path + "/p")
                + "\",\"events\":[\"order.*\",\"bad\\ntype\"]}");

        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(json(single.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("type");
        assertThat(json(single.body()).getJsonArray("errors").getJsonObject(0).getString("message"))
                .contains("line breaks");
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(json(batch.body()).getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                .containsExactly("events[1].type", "events[2].type");
        assertThat(pattern.statusCode()).isEqualTo(400);
        assertThat(json(pattern.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("events");
    }

    private List<Receiver.Received> all() {
        List<Receiver.Received> found = new ArrayList<>(receiver.at(path + "/batch-a"));
        found.addAll(receiver.at(path + "/batch-b"));
        return found;
    }

    private void endpoint(String name) throws Exception {
        HttpResponse<String> made = send("POST", "/webhooks", "{\"name\":\"" + name + "\",\"url\":\""
                + receiver.url(path + "/" + name) + "\",\"events\":[\"" + type + "\"]}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        created.add(json(made.body()).getString("id"));
    }


}
