package dev.codeai.integrations.webhook;

import static dev.codeai.integrations.webhook.WebhookApi.json;
import static dev.codeai.integrations.webhook.WebhookApi.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Poll;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No head-of-line blocking in the webhook engine (issue 8 "Isolation"): one endpoint black-holes (accepts the
 * connection, never answers; its attempts time out only after 60 s), and during a burst every delivery to nine
 * healthy endpoints still arrives while the black hole holds at most its per-endpoint share of the dispatchers'
 * slots (deployed as 4 per instance, two instances; each instance has 64). Without that limit the black hole's
 * deliveries would take every slot and the healthy ones would wait a minute. The publish-to-receive latency of the
 * healthy deliveries is printed for docs/RELIABILITY.md, not asserted.
 */
class WebhookIsolationIT {

    private static final int EVENTS = 200;
    private static final int HEALTHY = 9;
    private static final int PER_ENDPOINT = Integer.getInteger("it.webhooks.endpointConcurrency", 4);
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");

    private final List<String> created = new ArrayList<>();
    private final String type = "it." + UUID.randomUUID().toString().substring(0, 8) + ".isolation";

    @AfterEach
    void deleteEndpoints() throws Exception {
        for (String id : created) {
            send("DELETE", "/webhooks/" + id, null);
        }
    }

    @Test
    void aBlackHoledEndpointDoesNotDelayTheOthers() throws Exception {
        try (Receiver receiver = new Receiver(); BlackHole hole = new BlackHole()) {
            String dead = endpoint("isolation-black-hole", "http://127.0.0.1:" + hole.port() + "/never",
                    ",\"timeout_seconds\":60,\"retry_count\":0");
            String prefix = "/isolation/" + UUID.randomUUID() + "/";
            for (int i = 0; i < HEALTHY; i++) {
                endpoint("isolation-" + i, receiver.url(prefix + i), "");
            }

            Map<Integer, Long> publishedAt = new ConcurrentHashMap<>();
            ExecutorService publishers = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int n = 0; n < EVENTS; n++) {
                    int event = n;
                    answers.add(publishers.submit(() -> {
                        publishedAt.put(event, System.nanoTime());
                        return send("POST", "/events", "{\"type\":\"" + type + "\",\"data\":{\"n\":" + event + "}}")
                                .statusCode();
                    }));
                }
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(202);
                }
            } finally {
                publishers.shutdown();
            }

            List<Receiver.Received> healthy = Poll.until(Duration.ofSeconds(50), () -> receivedUnder(receiver, prefix),
                    received -> received.size() >= EVENTS * HEALTHY);

            assertThat(healthy).hasSize(EVENTS * HEALTHY);
            // The black hole got attempts, never more at once than its share on each of the two instances, and none
            // of them had ended (timed out) by the time the last healthy delivery arrived.
            assertThat(hole.accepted()).isPositive();
            assertThat(hole.mostAtOnce()).isLessThanOrEqualTo(2 * PER_ENDPOINT);
            JsonObject deliveries = json(send("GET", "/webhooks/" + dead + "/deliveries?limit=100", null).body());
            assertThat(deliveries.getJsonArray("data")).allSatisfy(delivery ->
                    assertThat(delivery.asJsonObject().getInt("attempt_count")).isZero());
            printLatency(healthy, publishedAt, hole);
        }
    }

    private static List<Receiver.Received> receivedUnder(Receiver receiver, String prefix) {
        List<Receiver.Received> found = new ArrayList<>();
        for (int i = 0; i < HEALTHY; i++) {
            found.addAll(receiver.at(prefix + i));
        }
        return found;
    }

    private static void printLatency(List<Receiver.Received> healthy, Map<Integer, Long> publishedAt, BlackHole hole) {
        long[] millis = healthy.stream().mapToLong(received -> {
            Matcher n = N.matcher(received.text());
            return n.find() ? (received.nanos() - publishedAt.get(Integer.parseInt(n.group(1)))) / 1_000_000 : -1;
        }).filter(ms -> ms >= 0).sorted().toArray();
        System.out.printf("WebhookIsolationIT: %d healthy deliveries beside a black hole (%d connections, at most %d at once):"
                        + " publish to receive p50 %d ms, p99 %d ms, max %d ms%n", millis.length, hole.accepted(),
                hole.mostAtOnce(), millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.99) - 1],
                millis[millis.length - 1]);
    }

    private String endpoint(String name, String url, String extra) throws Exception {
        HttpResponse<String> made = send("POST", "/webhooks", "{\"name\":\"" + name + "\",\"url\":\"" + url
                + "\",\"events\":[\"" + type + "\"]" + extra + "}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String id = json(made.body()).getString("id");
        created.add(id);
        return id;
    }



    /** Accepts connections and never answers; counts them, and how many were open at once. */
    private static final class BlackHole implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private final ExecutorService threads = Executors.newCachedThreadPool();

        BlackHole() throws IOException {
            threads.execute(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return sockets.size();
        }

        int mostAtOnce() {
            return most.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    sockets.add(socket);
                    most.accumulateAndGet(open.incrementAndGet(), Math::max);
                    threads.execute(() -> drainUntilClosed(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        /** Reads and ignores the request; the connection counts as open until the client gives up on it. */
        private void drainUntilClosed(Socket socket) {
            try (InputStream in = socket.getInputStream()) {
                byte[] buffer = new byte[4096];
                while (in.read(buffer) >= 0) {
                    // never answered
                }
            } catch (IOException closed) {
                // the client or close() ended it
            } finally {
                open.decrementAndGet();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
            threads.shutdownNow();
        }
    }
}
