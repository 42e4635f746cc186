import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/soak: mixed load at a fixed rate against one server for MINUTES minutes. In this JVM: fake upstreams (GitHub,
 * OpenWeather, Stripe) that answer 500 to 5 % of requests, and a webhook receiver with 20 endpoint paths of which
 * 18 and 19 flap (503 for the first 20 s of every minute). Load: INVOKE integration calls/s (weather 80 %, GitHub
 * 10 %, Stripe 10 %), EVENTS events/s (each to the 20 endpoints), MANAGE management calls/s. Snapshots of the server
 * JVM (heap after a full GC, RSS, threads) and of its database connections at the end of the warm-up (start), at the
 * middle and at the end; exits 1 when any grew by more than 10 % after the warm-up, when throughput fell by more than
 * 10 %, when an outcome appears that the injected faults do not explain, or when an accepted event was not delivered
 * to every endpoint.
 * Arguments: gateway URL, admin token, upstream port, receiver port, JDBC URL, server pid file, minutes, warm-up
 * minutes, invocations/s, events/s, management calls/s.
 */
public final class SoakBench {

    private static final int ENDPOINTS = 20;
    private static final Pattern N = Pattern.compile("\"n\":(\\d+)");
    private static final double FAILURE_RATE = 0.05;

    private static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();
    private static final LongAdder COMPLETED = new LongAdder();
    private static final LongAdder UPSTREAM_REQUESTS = new LongAdder();
    private static final LongAdder UPSTREAM_FAILURES = new LongAdder();
    private static final LongAdder FLAP_REFUSALS = new LongAdder();
    /** (n * ENDPOINTS + endpoint) → times delivered with a 2xx answer. */
    private static final Map<Long, AtomicInteger> DELIVERED = new ConcurrentHashMap<>();
    private static final Map<Integer, Boolean> ACCEPTED = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String token = args[1];
        int upstreamPort = Integer.parseInt(args[2]);
        int receiverPort = Integer.parseInt(args[3]);
        String jdbc = args[4];
        Path pidFile = Path.of(args[5]);
        double minutes = Double.parseDouble(args[6]);
        double warmupMinutes = Double.parseDouble(args[7]);
        double invokeRate = Double.parseDouble(args[8]);
        double eventRate = Double.parseDouble(args[9]);
        double manageRate = Double.parseDouble(args[10]);
        long pid = Long.parseLong(Files.readString(pidFile).trim());

        upstreams(upstreamPort);
        receiver(receiverPort);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> endpointIds = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS; i++) {
            HttpResponse<String> made = http.send(request(gateway + "/webhooks", token).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"soak-" + i + "\",\"url\":\"http://127.0.0.1:" + receiverPort + "/hook/" + i
                            + "\",\"events\":[\"soak.*\"]}")).build(), HttpResponse.BodyHandlers.ofString());
            if (made.statusCode() != 201) {
                throw new IllegalStateException("cannot create an endpoint: " + made.statusCode() + " " + made.body());
            }
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(made.body());
            endpointIds.add(id.find() ? id.group(1) : "");
        }
        System.out.printf("soak: %.0f min (warm-up %.0f min): %.0f invocations/s, %.0f events/s x %d endpoints (2 flap), "
                + "%.0f management calls/s; server pid %d%n", minutes, warmupMinutes, invokeRate, eventRate, ENDPOINTS,
                manageRate, pid);

        long start = System.nanoTime();
        long end = start + (long) (minutes * 60e9);
        long warm = start + (long) (warmupMinutes * 60e9);
        long middle = warm + (end - warm) / 2;
        List<Snapshot> snapshots = new ArrayList<>();
        long[] marks = {warm, middle, end};
        String[] names = {"start", "middle", "end"};
        int next = 0;
        long tick = TimeUnit.MILLISECONDS.toNanos(100);
        double invokeDue = 0;
        double eventDue = 0;
        double manageDue = 0;
        int n = 0;
        int m = 0;
        Map<String, Long> outcomesAtWarm = Map.of();
        long windowStart = start;
        long completedAtWindow = 0;
        double[] windowRates = new double[3];
        for (long t = start; next < marks.length; t += tick) {
            while (System.nanoTime() < t) {
                LockSupport.parkNanos(t - System.nanoTime());
            }
            if (t >= marks[next]) {
                long done = COMPLETED.sum();
                double rate = (done - completedAtWindow) / ((t - windowStart) / 1e9);
                // the start window is the last minute of the warm-up; later windows are since the previous mark
                if (next == 0) {
                    rate = (done - lastMinuteCompleted[0]) / ((t - lastMinuteAt[0]) / 1e9);
                    outcomesAtWarm = outcomes();
                }
                windowRates[next] = rate;
                windowStart = t;
                completedAtWindow = done;
                Snapshot s = Snapshot.take(names[next], pid, jdbc, (t - start) / 60e9, rate);
                snapshots.add(s);
                System.out.println(s);
                next++;
                if (next == marks.length) {
                    break;
                }
            }
            if (t - lastMinuteAt[0] >= 60e9 && t < warm) {
                lastMinuteAt[0] = t;
                lastMinuteCompleted[0] = COMPLETED.sum();
            }
            invokeDue += invokeRate / 10;
            eventDue += eventRate / 10;
            manageDue += manageRate / 10;
            for (; invokeDue >= 1; invokeDue--) {
                invoke(http, gateway, token);
            }
            for (; eventDue >= 1; eventDue--) {
                publish(http, gateway, token, n++);
            }
            for (; manageDue >= 1; manageDue--) {
                manage(http, gateway, token, endpointIds.get(m % ENDPOINTS), m++);
            }
        }
        Map<String, Long> outcomes = outcomes();

        // Every accepted event must reach all 20 endpoints (the flapping ones through retries).
        System.out.printf("load stopped after %d events; waiting for their deliveries…%n", n);
        long drainUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        long missing = missing();
        while (missing > 0 && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
            missing = missing();
        }
        long duplicates = DELIVERED.values().stream().filter(c -> c.get() > 1).count();
        Map<String, Long> statuses = deliveryStatuses(jdbc);

        System.out.println();
        System.out.println("=== soak figures ===");
        System.out.printf("%-8s %8s %14s %12s %10s %8s %8s%n", "snapshot", "minute", "throughput/s", "heap-after-GC", "RSS", "threads",
                "db-conns");
        for (Snapshot s : snapshots) {
            System.out.printf("%-8s %8.1f %14.1f %10.1f MB %7.1f MB %8d %8d%n", s.name, s.minute, s.throughput, s.heapMb, s.rssMb,
                    s.threads, s.dbConnections);
        }
        boolean ok = true;
        Snapshot first = snapshots.get(0);
        for (Snapshot s : snapshots.subList(1, snapshots.size())) {
            ok &= growth("heap after GC", first.heapMb, s.heapMb, s.name);
            ok &= growth("RSS", first.rssMb, s.rssMb, s.name);
            ok &= growth("threads", first.threads, s.threads, s.name);
            ok &= growth("db connections", first.dbConnections, s.dbConnections, s.name);
            if (s.throughput < first.throughput * 0.9) {
                System.out.printf("FAIL: throughput at %s %.1f/s is more than 10 %% below the start's %.1f/s%n", s.name,
                        s.throughput, first.throughput);
                ok = false;
            }
        }
        double expectedRate = invokeRate + eventRate + manageRate;
        System.out.printf("target rate %.1f requests/s; completed %d requests in all%n", expectedRate, COMPLETED.sum());
        System.out.println("outcomes by class (whole run; after warm-up in brackets):");
        for (Map.Entry<String, Long> e : new TreeMap<>(outcomes).entrySet()) {
            long afterWarm = e.getValue() - outcomesAtWarm.getOrDefault(e.getKey(), 0L);
            boolean explained = explained(e.getKey());
            System.out.printf("  %-36s %9d  (%d)%s%n", e.getKey(), e.getValue(), afterWarm, explained ? "" : "   <- NOT explained");
            ok &= explained || afterWarm == 0;
        }
        System.out.printf("injected: upstream requests %d, answered 500: %d (%.2f %%); flapping endpoints answered 503 %d times%n",
                UPSTREAM_REQUESTS.sum(), UPSTREAM_FAILURES.sum(), 100.0 * UPSTREAM_FAILURES.sum() / Math.max(1, UPSTREAM_REQUESTS.sum()),
                FLAP_REFUSALS.sum());
        System.out.printf("webhooks: %d events accepted, %d (event, endpoint) deliveries expected, missing %d, duplicates %d; "
                + "database: %s%n", ACCEPTED.size(), (long) ACCEPTED.size() * ENDPOINTS, missing, duplicates, statuses);
        System.out.println("server-side call outcomes (codeai_integration_calls_total):");
        metrics(http, gateway).forEach(line -> System.out.println("  " + line));
        if (missing > 0) {
            System.out.println("FAIL: accepted events not delivered to every endpoint: " + missing);
            ok = false;
        }
        System.out.println(ok ? "RESULT: all soak targets met" : "RESULT: soak targets NOT met");
        threads.shutdownNow();
        System.exit(ok ? 0 : 1);
    }

    private static final long[] lastMinuteAt = {System.nanoTime()};
    private static final long[] lastMinuteCompleted = {0};

    /** Outcomes the injected faults explain: every 2xx; 502/503 of an invocation (5 % upstream 500s: retries exhausted or an open breaker). */
    private static boolean explained(String outcome) {
        return outcome.endsWith(" 200") || outcome.endsWith(" 202") || outcome.startsWith("invoke") && (outcome.endsWith(" 502")
                || outcome.endsWith(" 503"));
    }

    private static boolean growth(String what, double start, double now, String when) {
        if (now > start * 1.10 + 1e-9) {
            System.out.printf("FAIL: %s grew by %.1f %% from the start to the %s (%.1f -> %.1f)%n", what, 100 * (now / start - 1), when,
                    start, now);
            return false;
        }
        return true;
    }

    private static void invoke(HttpClient http, String gateway, String token) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int pick = random.nextInt(10);
        String kind;
        String path;
        String body;
        if (pick < 8) {
            kind = "invoke WeatherAPI.get_current";
            path = "/integrations/WeatherAPI/operations/get_current";
            body = "{\"q\":\"city-" + random.nextInt(1000) + "\"}";
        } else if (pick == 8) {
            kind = "invoke GitHubAPI.get_user";
            path = "/integrations/GitHubAPI/operations/get_user";
            body = "{\"username\":\"user-" + random.nextInt(1000) + "\"}";
        } else {
            kind = "invoke StripeAPI.get_payment_intent";
            path = "/integrations/StripeAPI/operations/get_payment_intent";
            body = "{\"id\":\"pi_" + random.nextInt(1_000_000) + "\"}";
        }
        send(http, request(gateway + path, token).POST(HttpRequest.BodyPublishers.ofString(body)).build(), kind, null);
    }

    private static void publish(HttpClient http, String gateway, String token, int n) {
        send(http, request(gateway + "/events", token).POST(HttpRequest.BodyPublishers.ofString(
                "{\"type\":\"soak.event\",\"data\":{\"n\":" + n + "}}")).build(), "publish /events", status -> {
                    if (status == 202) {
                        ACCEPTED.put(n, Boolean.TRUE);
                    }
                });
    }

    private static void manage(HttpClient http, String gateway, String token, String endpointId, int m) {
        String[] paths = {"/integrations/status", "/webhooks", "/integrations/WeatherAPI/health", "/webhooks/" + endpointId,
            "/webhooks/" + endpointId + "/deliveries", "/health/ready"};
        String path = paths[m % paths.length];
        String kind = "manage GET " + path.replace(endpointId, "{id}");
        send(http, request(gateway + path, token).GET().build(), kind, null);
    }

    private static void send(HttpClient http, HttpRequest request, String kind, java.util.function.IntConsumer onStatus) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            String outcome = failure != null ? kind + " " + failure.getClass().getSimpleName() : kind + " " + response.statusCode();
            OUTCOMES.computeIfAbsent(outcome, k -> new LongAdder()).increment();
            COMPLETED.increment();
            if (onStatus != null && response != null) {
                onStatus.accept(response.statusCode());
            }
        });
    }

    private static HttpRequest.Builder request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private static Map<String, Long> outcomes() {
        Map<String, Long> copy = new TreeMap<>();
        OUTCOMES.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    private static long missing() {
        long missing = 0;
        for (Integer n : ACCEPTED.keySet()) {
            for (int e = 0; e < ENDPOINTS; e++) {
                if (!DELIVERED.containsKey((long) n * ENDPOINTS + e)) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** GitHub, OpenWeather and Stripe: each answers 500 to a random 5 % of requests, else a small JSON body. */
    private static void upstreams(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            UPSTREAM_REQUESTS.increment();
            if (ThreadLocalRandom.current().nextDouble() < FAILURE_RATE) {
                UPSTREAM_FAILURES.increment();
                answer(exchange, 500, "{\"message\":\"injected failure\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String body;
            if (path.startsWith("/github/users/")) {
                String login = path.substring("/github/users/".length());
                body = "{\"login\":\"" + login + "\",\"id\":1,\"name\":\"Soak User\",\"company\":\"CodeAI\",\"public_repos\":3,"
                        + "\"followers\":7,\"created_at\":\"2020-01-01T00:00:00Z\"}";
            } else if (path.startsWith("/stripe/payment_intents/")) {
                body = "{\"id\":\"" + path.substring("/stripe/payment_intents/".length())
                        + "\",\"status\":\"succeeded\",\"amount\":1000,\"currency\":\"eur\"}";
            } else {
                body = "{\"name\":\"somewhere\",\"main\":{\"temp\":281.5,\"humidity\":80},\"weather\":[{\"main\":\"Clouds\"}]}";
            }
            answer(exchange, 200, body);
        });
        server.start();
    }

    /** Endpoints /hook/0 … /hook/19; 18 and 19 answer 503 during the first 20 s of every minute. */
    private static void receiver(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            int endpoint = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            if (endpoint >= ENDPOINTS - 2 && Instant.now().getEpochSecond() % 60 < 20) {
                FLAP_REFUSALS.increment();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            Matcher m = N.matcher(new String(body, StandardCharsets.UTF_8));
            if (m.find()) {
                DELIVERED.computeIfAbsent(Long.parseLong(m.group(1)) * ENDPOINTS + endpoint, k -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, Long> deliveryStatuses(String jdbc) {
        Map<String, Long> statuses = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(jdbc); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT status, COUNT(*) FROM webhook_delivery GROUP BY status")) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getLong(2));
            }
        } catch (Exception e) {
            statuses.put("unreadable: " + e, 0L);
        }
        return statuses;
    }

    private static List<String> metrics(HttpClient http, String gateway) {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(gateway + "/metrics?scope=application")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return text.lines().filter(l -> l.startsWith("codeai_integration_calls_total{")).toList();
        } catch (Exception e) {
            return List.of("unreadable: " + e);
        }
    }

    /** One reading of the server JVM and its database connections. */
    private record Snapshot(String name, double minute, double throughput, double heapMb, double rssMb, int threads, int dbConnections) {

        static Snapshot take(String name, long pid, String jdbc, double minute, double throughput) throws Exception {
            run("jcmd", Long.toString(pid), "GC.run");
            String heap = run("jcmd", Long.toString(pid), "GC.heap_info");
            Matcher used = Pattern.compile("used (\\d+)K").matcher(heap);
            double heapMb = used.find() ? Long.parseLong(used.group(1)) / 1024.0 : -1;
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            double rssMb = field(status, "VmRSS") / 1024.0;
            int threads = (int) field(status, "Threads");
            int connections;
            try (Connection connection = DriverManager.getConnection(jdbc.replace("ApplicationName=bench_soak", "ApplicationName=soak_driver"));
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'bench_soak'")) {
                row.next();
                connections = row.getInt(1);
            }
            return new Snapshot(name, minute, throughput, heapMb, rssMb, threads, connections);
        }

        private static long field(String status, String name) {
            Matcher m = Pattern.compile(name + ":\\s+(\\d+)").matcher(status);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        private static String run(String... command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        }

        @Override
        public String toString() {
            return String.format("[%s, minute %.1f] throughput %.1f requests/s, heap after GC %.1f MB, RSS %.1f MB, threads %d, "
                    + "db connections %d", name, minute, throughput, heapMb, rssMb, threads, dbConnections);
        }
    }
}
