import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one upstream of bench/cache: a GitHub-like {@code GET /github/users/{name}} answering a small JSON user,
 * behind both the gateway (GITHUB_API_URL=http://127.0.0.1:PORT/github) and nginx's proxy_cache. It counts the
 * requests it receives ({@code GET /count}), so the bench can show that the measured calls were cache hits.
 *
 * Usage: CacheUpstream PORT (runs until killed)
 */
public final class CacheUpstream {

    private static final AtomicLong REQUESTS = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        // Headers and body go out in two segments; without TCP_NODELAY a delayed ACK would cost up to 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.createContext("/count", exchange -> {
            byte[] body = Long.toString(REQUESTS.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/github/users/", exchange -> {
            REQUESTS.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            String login = exchange.getRequestURI().getPath().substring("/github/users/".length());
            byte[] body = ("{\"login\":\"" + login + "\",\"id\":583231,\"name\":\"The Octocat\",\"company\":\"@github\","
                    + "\"public_repos\":8,\"followers\":17000,\"created_at\":\"2011-01-25T18:44:36Z\","
                    + "\"bio\":\"A user answered by the bench/cache upstream; every request here is a cache miss.\"}")
                    .getBytes(StandardCharsets.UTF_8);
            // No Cache-Control: nginx keeps the answer for its proxy_cache_valid, the gateway for the DSL's cache.
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().add("X-RateLimit-Remaining", "4999");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("upstream listening on 127.0.0.1:" + port);
    }
}
