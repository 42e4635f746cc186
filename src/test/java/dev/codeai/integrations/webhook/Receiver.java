package dev.codeai.integrations.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real webhook receiver for the ITs: a JDK HTTP server on {@code it.receiver.port} that records every request
 * (path, headers, exact body bytes) and answers what the test scripted for its path (200 by default).
 */
public final class Receiver implements AutoCloseable {

    /** One received request, {@code nanos} its {@link System#nanoTime()} on arrival. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, long nanos) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer: status, extra headers. */
    public record Answer(int status, Map<String, String> headers) {
        public static Answer status(int status) {
            return new Answer(status, Map.of());
        }
    }

    static final int PORT = Integer.getInteger("it.receiver.port", 19095);

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, Function<Integer, Answer>> scripts = new ConcurrentHashMap<>();

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 200);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long arrived = System.nanoTime();
            String path = exchange.getRequestURI().getPath();
            Received request = new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, arrived);
            received.add(request);
            int count = (int) received.stream().filter(r -> r.path().equals(path)).count();
            Answer answer = scripts.getOrDefault(path, n -> Answer.status(200)).apply(count);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] reply = ("{\"seen\":" + count + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), answer.status() == 204 ? -1 : reply.length);
            if (answer.status() != 204) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + PORT + path;
    }

    /** Answers the n-th request (1-based) to {@code path} with {@code script.apply(n)}. */
    public void script(String path, Function<Integer, Answer> script) {
        scripts.put(path, script);
    }

    public List<Received> at(String path) {
        List<Received> found = new ArrayList<>();
        received.stream().filter(r -> r.path().equals(path)).forEach(found::add);
        return found;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
