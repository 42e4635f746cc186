package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The second IT server, codeai-it2, which tests stop, kill and start again with its own configuration. */
public final class SecondServer {

    public static final String BASE_URL = System.getProperty("it.baseUrl2", "http://localhost:19081");
    private static final String NAME = "codeai-it2";
    private static final Path SERVERS = Path.of(System.getProperty("it.serverDir",
            "target/liberty/wlp/usr/servers/codeai-it")).toAbsolutePath().getParent();

    private SecondServer() {
    }

    /** The server's process id, from Liberty's pid file. */
    public static long pid() throws IOException {
        return Long.parseLong(Files.readString(SERVERS.resolve(".pid").resolve(NAME + ".pid")).trim());
    }

    /** Stops the server the way an operator does ({@code server stop}). */
    public static void stop() throws Exception {
        run("stop");
    }

    /** Starts the server ({@code server start}, bootstrap.properties and jvm.options) and waits until it is ready. */
    public static void start() throws Exception {
        run("start");
        HttpResponse<String> ready = Poll.until(Duration.ofSeconds(120), () -> {
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE_URL + "/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return null;
            }
        }, r -> r != null && r.statusCode() == 200);
        assertThat(ready).isNotNull();
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    private static void run(String action) throws Exception {
        Path server = SERVERS.getParent().getParent().resolve("bin").resolve("server");
        Process process = new ProcessBuilder(server.toString(), action, NAME).inheritIO().start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("server " + action + " " + NAME).isTrue();
        assertThat(process.exitValue()).as("server " + action + " " + NAME).isZero();
    }
}
