package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Gateway;
import dev.codeai.integrations.integration.Poll;
import dev.codeai.integrations.platform.SecondServer;
import dev.codeai.integrations.security.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delivery guarantees across the two IT servers on one database: in normal operation every (event, endpoint)
 * is delivered once although both instances dispatch; and an instance killed with SIGKILL during a burst of 2,000
 * events loses none of the events it accepted: after its restart every one of them arrives at least once.
 */
class WebhookInstancesIT {

    private static Receiver receiver;
    private final String type = "it." + UUID.randomUUID().toString().substring(0, 8) + ".burst";
    private final String path = "/instances/" + UUID.randomUUID();
    private final List<String> created = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void listen() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : created) {
            Gateway.send("DELETE", "/webhooks/" + id, Optional.of(TestTokens.admin()), Optional.empty(), "");
        }
        threads.shutdownNow();
    }

    @Test
    void twoInstancesDeliverEveryEventOnce() throws Exception {
        endpoint();
        Set<Integer> accepted = publish(300, n -> n % 2 == 0 ? Gateway.BASE_URL : SecondServer.BASE_URL, Optional.empty());

        Map<Integer, Long> received = Poll.until(Duration.ofSeconds(60), this::receivedByNumber,
                r -> r.keySet().containsAll(accepted));

        assertThat(accepted).hasSize(300);
        assertThat(received.keySet()).containsAll(accepted);
        assertThat(received.values()).as("no event delivered twice").containsOnly(1L);
    }

    @Test
    void anInstanceKilledDuringABurstLosesNoAcceptedEvent() throws Exception {
        endpoint();
        long pid = SecondServer.pid();

        Set<Integer> accepted = publish(2000, n -> SecondServer.BASE_URL, Optional.of(() -> {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
        }));
        Poll.until(Duration.ofSeconds(30), () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        SecondServer.start();
        Map<Integer, Long> received = Poll.until(Duration.ofSeconds(120), this::receivedByNumber,
                r -> r.keySet().containsAll(accepted));

        System.out.printf("kill -9 during the burst: %d of 2000 events accepted before the kill, all %d received%n",
                accepted.size(), received.keySet().stream().filter(accepted::contains).count());
        assertThat(accepted.size()).as("some events were accepted before the kill").isGreaterThan(100);
        assertThat(received.keySet()).containsAll(accepted);
    }

    /** Publishes events {"n": i}; returns the i whose publication was accepted (202). {@code kill} runs after 25 %. */
    private Set<Integer> publish(int count, Function<Integer, String> base, Optional<Runnable> kill) throws Exception {
        Set<Integer> accepted = ConcurrentHashMap.newKeySet();
        Semaphore inFlight = new Semaphore(16);
        String token = TestTokens.admin();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (kill.isPresent() && i == count / 4) {
                kill.get().run();
            }
            int n = i;
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base.apply(n) + "/events")).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"" + type + "\",\"data\":{\"n\":" + n + "}}")).build();
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() == 202) {
                    accepted.add(n);
                }
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((ok, failure) -> null)
                .get(120, TimeUnit.SECONDS);
        return accepted;
    }

    private Map<Integer, Long> receivedByNumber() {
        return receiver.at(path).stream().collect(Collectors.groupingBy(
                r -> Json.createReader(new StringReader(r.text())).readObject().getJsonObject("data").getInt("n"),
                Collectors.counting()));
    }

    private void endpoint() throws Exception {
        HttpResponse<String> made = Gateway.post("/webhooks", Json.createObjectBuilder().add("name", "burst")
                .add("url", receiver.url(path)).add("events", Json.createArrayBuilder().add(type)).build().toString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonObject endpoint = Json.createReader(new StringReader(made.body())).readObject();
        created.add(endpoint.getString("id"));
    }
}
