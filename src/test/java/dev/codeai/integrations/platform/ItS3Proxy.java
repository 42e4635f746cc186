package dev.codeai.integrations.platform;

import dev.codeai.integrations.integration.Poll;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Starts s3proxy (an S3-compatible server, {@code org.gaul:s3proxy:jar-with-dependencies}) as its own JVM for the
 * integration tests (exec-maven-plugin, pre-integration-test, before the IT server starts), and returns once it
 * answers HTTP. Its own JVM keeps s3proxy's Jetty away from the test JVM's WireMock; like every {@link ItJvm} it
 * dies with the Maven JVM, so a later build finds the port free.
 */
public final class ItS3Proxy {

    private static final long START_TIMEOUT_MILLIS = 60_000;

    private ItS3Proxy() {
    }

    /** Arguments: the s3proxy jar, a work directory (properties and log), then s3proxy properties as key=value. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path workDir = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        List<String> properties = List.of(Arrays.copyOfRange(args, 2, args.length));
        URI endpoint = URI.create(properties.stream()
                .filter(p -> p.startsWith("s3proxy.endpoint="))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no s3proxy.endpoint=... argument"))
                .substring("s3proxy.endpoint=".length()));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy jar not found: " + jar);
        }

        Path propertiesFile = workDir.resolve("s3proxy.properties");
        Path log = workDir.resolve("s3proxy.log");
        ItJvm.stopEarlier("s3proxy");
        ItJvm.awaitPortFree(endpoint.getHost(), endpoint.getPort(), "it.s3.port");
        Files.write(propertiesFile, properties, StandardCharsets.UTF_8);
        Process process = ItJvm.start(new ItJvm.Server("s3proxy", List.of(jar), "org.gaul.s3proxy.Main",
                List.of("--properties", propertiesFile.toString()), workDir, log));

        Poll.until(Duration.ofMillis(START_TIMEOUT_MILLIS), () -> answersHttp(endpoint) || !process.isAlive(), up -> up);
        if (!process.isAlive()) {
            throw new IllegalStateException("s3proxy exited with " + process.exitValue() + " before listening on "
                    + endpoint + "; log " + log + ":\n" + ItJvm.tail(log));
        }
        if (!answersHttp(endpoint)) {
            ItJvm.stop(process.toHandle());
            throw new IllegalStateException("s3proxy did not answer on " + endpoint + " within "
                    + START_TIMEOUT_MILLIS / 1000 + " s; log " + log + ":\n" + ItJvm.tail(log));
        }
        System.out.println("s3proxy listening on " + endpoint + " (pid " + process.pid() + ", log " + log + ")");
    }

    /** Any HTTP status (s3proxy answers an unsigned GET / with 403) means it is up. */
    private static boolean answersHttp(URI endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() > 0;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }
}
