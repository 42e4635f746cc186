import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Open-loop latency at a fixed request rate: the local upstream called directly, the same upstream through
 * the gateway (GitHubAPI.get_rate_limit), and the gateway's rejections while GitHubAPI's circuit is open.
 * Latency is measured from each request's scheduled send time, so a stall is not hidden.
 *
 * Usage: GatewayBench UPSTREAM_PORT GATEWAY_URL TOKEN RATE SECONDS; the gateway's GITHUB_API_URL must be
 * http://127.0.0.1:UPSTREAM_PORT/github (bench/gateway starts Liberty so).
 */
public final class GatewayBench {

    private static final AtomicBoolean FAILING = new AtomicBoolean();

    public static void main(String[] args) throws Exception {
        int upstreamPort = Integer.parseInt(args[0]);
        HttpServer upstream = upstream(upstreamPort);
        String gateway = args[1];
        String token = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        HttpClient client = HttpClient.newBuilder().executor(pool).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String upstreamUrl = "http://127.0.0.1:" + upstreamPort;

        Supplier<HttpRequest> direct = () -> HttpRequest.newBuilder(URI.create(upstreamUrl + "/github/rate_limit")).GET().build();
        Supplier<HttpRequest> viaGateway = () -> HttpRequest.newBuilder(URI.create(gateway
                + "/integrations/GitHubAPI/operations/get_rate_limit")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        Supplier<HttpRequest> ping = () -> HttpRequest.newBuilder(URI.create(gateway + "/ping")).GET().build();

        control(client, upstreamUrl, "ok");
        client.send(HttpRequest.newBuilder(URI.create(gateway + "/integrations/GitHubAPI/circuit/reset"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        // Warm-up: the bench starts a fresh server, whose JIT needs some thousands of calls of a path.
        run(client, direct, rate, 3, 200);
        run(client, viaGateway, rate, 15, 200);
        List<Long> directMicros = run(client, direct, rate, seconds, 200);
        List<Long> gatewayMicros = run(client, viaGateway, rate, seconds, 200);
        run(client, ping, rate, 3, 200);
        List<Long> pingMicros = run(client, ping, rate, seconds, 200);

        control(client, upstreamUrl, "fail");
        for (int i = 0; i < 3; i++) {
            client.send(viaGateway.get(), HttpResponse.BodyHandlers.discarding()); // 5 failures in 1m open it
        }
        run(client, viaGateway, rate, 10, 503); // warm-up of the rejection path
        List<Long> rejectedMicros = run(client, viaGateway, rate, Math.min(seconds, 20), 503);
        control(client, upstreamUrl, "ok");

        report("direct", directMicros);
        report("gateway", gatewayMicros);
        System.out.printf("  added by the gateway: p50 %.2f ms, p99 %.2f ms (target: p50 at most 1 ms)%n",
                (pct(gatewayMicros, 50) - pct(directMicros, 50)) / 1000.0,
                (pct(gatewayMicros, 99) - pct(directMicros, 99)) / 1000.0);
        report("GET /ping (server floor)", pingMicros);
        report("open-circuit rejections", rejectedMicros);
        System.out.printf("  open-circuit rejection p99 %.2f ms (target: at most 1 ms)%n", pct(rejectedMicros, 99) / 1000.0);
        pool.shutdownNow();
        upstream.stop(0);
        System.exit(0); // the upstream's worker threads would keep the JVM alive
    }

    /** Sends {@code rate} requests a second for {@code seconds}; returns each latency in µs; checks the status. */
    private static List<Long> run(HttpClient client, Supplier<HttpRequest> request, int rate, int seconds, int status)
            throws Exception {
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        java.util.Map<String, Integer> wrong = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            ticks.schedule(() -> client.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        micros.add((System.nanoTime() - due) / 1000);
                        if (failure != null || response.statusCode() != status) {
                            wrong.merge(failure != null ? String.valueOf(failure.getCause())
                                    : String.valueOf(response.statusCode()), 1, Integer::sum);
                        }
                        done.complete(null);
                    }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get(seconds + 60L, TimeUnit.SECONDS);
        ticks.shutdown();
        if (!wrong.isEmpty()) {
            System.out.println("  warning: of " + total + " answers, not " + status + ": " + wrong);
        }
        return micros;
    }

    private static void report(String name, List<Long> micros) {
        System.out.printf("%-24s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", name, micros.size(), pct(micros, 50) / 1000.0,
                pct(micros, 99) / 1000.0, Collections.max(micros) / 1000.0);
    }

    private static double pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void control(HttpClient client, String upstreamUrl, String mode) throws Exception {
        client.send(HttpRequest.newBuilder(URI.create(upstreamUrl + "/control/" + mode)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** A small JSON upstream; {@code /control/fail} makes it answer 500 until {@code /control/ok}. It must not add latency. */
    private static HttpServer upstream(int port) throws Exception {
        // The JDK server writes the response headers and the body in two segments; without TCP_NODELAY, Nagle
        // holds the body until the client ACKs the headers, and the client delays that ACK by up to 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        byte[] body = "{\"resources\":{\"core\":{\"limit\":5000,\"remaining\":4999}}}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/control/", exchange -> {
            FAILING.set(exchange.getRequestURI().getPath().endsWith("/fail"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/github/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (FAILING.get()) {
                exchange.sendResponseHeaders(500, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }
}
