package dev.codeai.integrations.platform;

import dev.codeai.integrations.integration.Poll;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts s3proxy (an S3-compatible server, {@code org.gaul:s3proxy:jar-with-dependencies}) as its own JVM for the
 * integration tests (exec-maven-plugin, pre-integration-test, before the IT server starts), and returns once it
 * answers HTTP. Its own JVM keeps s3proxy's Jetty away from the test JVM's WireMock.
 *
 * <p>The process dies with the Maven JVM: a shutdown hook stops it when Maven exits, and {@link Watchdog} in the
 * s3proxy JVM exits when the Maven process is gone (e.g. {@code kill -9}), so a later build finds the port free.
 */
public final class ItS3Proxy {

    /** JVM-wide, so a second build in the same JVM (mvnd) replaces the first build's server. */
    private static final String PID_PROPERTY = "codeai.it.s3proxy.pid";
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final long PORT_FREE_TIMEOUT_MILLIS = 15_000;

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

        stopEarlierServerOfThisJvm();
        awaitPortFree(endpoint);

        Path propertiesFile = workDir.resolve("s3proxy.properties");
        Files.write(propertiesFile, properties, StandardCharsets.UTF_8);
        Path log = workDir.resolve("s3proxy.log");
        Files.deleteIfExists(log);

        String classPath = jar + java.io.File.pathSeparator
                + Path.of(Watchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath,
                Watchdog.class.getName(), Long.toString(ProcessHandle.current().pid()),
                "--properties", propertiesFile.toString()));
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .start();
        // The hook also keeps the Process reachable for the life of the Maven JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process.toHandle()), "s3proxy-stop"));
        System.setProperty(PID_PROPERTY, Long.toString(process.pid()));

        Poll.until(Duration.ofMillis(START_TIMEOUT_MILLIS), () -> answersHttp(endpoint) || !process.isAlive(), up -> up);
        if (!process.isAlive()) {
            throw new IllegalStateException("s3proxy exited with " + process.exitValue() + " before listening on "
                    + endpoint + "; log " + log + ":\n" + tail(log));
        }
        if (!answersHttp(endpoint)) {
            stop(process.toHandle());
            throw new IllegalStateException("s3proxy did not answer on " + endpoint + " within "
                    + START_TIMEOUT_MILLIS / 1000 + " s; log " + log + ":\n" + tail(log));
        }
        System.out.println("s3proxy listening on " + endpoint + " (pid " + process.pid() + ", log " + log + ")");
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void stopEarlierServerOfThisJvm() {
        String pid = System.getProperty(PID_PROPERTY);
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ItS3Proxy::stop);
        }
    }

    /** A server left by a killed build goes away within a second (its watchdog); anything else fails the build. */
    private static void awaitPortFree(URI endpoint) throws Exception {
        if (Poll.until(Duration.ofMillis(PORT_FREE_TIMEOUT_MILLIS), () -> listening(endpoint), busy -> !busy)) {
            throw new IllegalStateException("port " + endpoint.getPort() + " (it.s3.port) is in use by another "
                    + "process; stop it (e.g. `ss -ltnp | grep :" + endpoint.getPort() + "`) or pass -Dit.s3.port=...");
        }
    }

    private static boolean listening(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
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

    /** Only JDK classes: this runs in a shutdown hook, after exec-maven-plugin has closed our class loader. */
    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Main class of the s3proxy JVM: exits when the given (Maven) process is gone, then runs s3proxy's own main.
     * Arguments: the pid to watch, then s3proxy's arguments.
     */
    public static final class Watchdog {

        private Watchdog() {
        }

        public static void main(String[] args) throws Throwable {
            Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(args[0]));
            if (parent.isEmpty()) {
                System.exit(3);
            }
            parent.get().onExit().thenRun(() -> {
                System.out.println("Maven process " + args[0] + " is gone; stopping s3proxy");
                System.exit(0);
            });
            try {
                Class.forName("org.gaul.s3proxy.Main")
                        .getMethod("main", String[].class)
                        .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
