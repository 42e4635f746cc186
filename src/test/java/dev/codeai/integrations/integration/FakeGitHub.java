package dev.codeai.integrations.integration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A fake GitHub REST API for in-server tests, on the JDK's HTTP server, at the port of {@code GITHUB_API_URL}:
 * {@code /github/users/octocat} answers 200 with JSON, {@code /github/users/flaky} 503, {@code /github/users/slow}
 * and {@code /github/users/slow-…} 200 once {@link #release released}, any other user 404. It records every
 * request it saw.
 */
final class FakeGitHub implements AutoCloseable {

    /** One request the fake saw: its path and its {@code Authorization} header (or null). */
    record Seen(String path, String authorization) {
    }

    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpServer server;

    private FakeGitHub(HttpServer server) {
        this.server = server;
        server.setExecutor(handlers);
        server.createContext("/github/users/", this::answer);
        server.start();
    }

    /** Starts the fake on the port of {@code baseUrl}, e.g. {@code http://localhost:18290/github}. */
    static FakeGitHub start(String baseUrl) throws IOException {
        int port = URI.create(baseUrl).getPort();
        return new FakeGitHub(HttpServer.create(new InetSocketAddress("localhost", port), 0));
    }

    /** The requests seen so far, oldest first. */
    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The requests seen so far for {@code path}. */
    long count(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).count();
    }

    /** The requests seen so far whose path starts with {@code prefix}. */
    long countStartingWith(String prefix) {
        return seen.stream().filter(s -> s.path().startsWith(prefix)).count();
    }

    /** Sends the held slow answers now, and later ones at once. */
    void release() {
        released.countDown();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        seen.add(new Seen(path, exchange.getRequestHeaders().getFirst("Authorization")));
        try (exchange) {
            switch (path) {
                case "/github/users/octocat" -> send(exchange, 200, "{\"login\":\"octocat\",\"id\":1}");
                case "/github/users/flaky" -> send(exchange, 503, "{\"message\":\"Service Unavailable\"}");
                default -> {
                    if (path.equals("/github/users/slow") || path.startsWith("/github/users/slow-")) {
                        awaitRelease();
                        send(exchange, 200, "{\"login\":\"slow\",\"id\":2}");
                    } else {
                        send(exchange, 404, "{\"message\":\"Not Found\"}");
                    }
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** A slow answer: held until the test is over (or 10 s at most), whatever deadline the caller has. */
    private void awaitRelease() {
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
