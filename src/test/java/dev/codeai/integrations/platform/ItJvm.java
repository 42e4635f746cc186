package dev.codeai.integrations.platform;

import dev.codeai.integrations.integration.Poll;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A helper server of the integration tests (s3proxy, the Redis fault proxy) in its own JVM, started from the Maven
 * JVM by exec-maven-plugin in pre-integration-test, that dies with Maven: a shutdown hook stops it when Maven exits,
 * and {@link Watchdog}, its main class, exits when the Maven process is gone (e.g. {@code kill -9}), so a later
 * build finds its ports free.
 */
public final class ItJvm {

    private static final long PORT_FREE_TIMEOUT_MILLIS = 15_000;

    private ItJvm() {
    }

    /**
     * A helper server: {@code mainClass} with {@code args} and {@code classPath} (this class's own location is added),
     * run in {@code workDir} with its output in {@code log}. {@code name} names it in messages and, JVM-wide, its
     * pid.
     */
    record Server(String name, List<Path> classPath, String mainClass, List<String> args, Path workDir, Path log) {
    }

    /** Stops the server of that name that an earlier build in this JVM (mvnd) started, if any. */
    static void stopEarlier(String name) {
        Optional.ofNullable(System.getProperty(pidProperty(name))).flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .ifPresent(ItJvm::stop);
    }

    /** Starts the server in a new JVM that dies with this one; call {@link #stopEarlier} and check its ports first. */
    static Process start(Server server) throws Exception {
        Files.deleteIfExists(server.log());
        List<Path> entries = new ArrayList<>(server.classPath());
        entries.add(Path.of(Watchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                Watchdog.class.getName(), Long.toString(ProcessHandle.current().pid()), server.mainClass()));
        command.addAll(server.args());
        Process process = new ProcessBuilder(command)
                .directory(server.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(server.log().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .start();
        // The hook also keeps the Process reachable for the life of the Maven JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process.toHandle()), server.name() + "-stop"));
        System.setProperty(pidProperty(server.name()), Long.toString(process.pid()));
        return process;
    }

    /** A server left by a killed build goes away within a second (its watchdog); anything else fails the build. */
    static void awaitPortFree(String host, int port, String property) throws Exception {
        if (Poll.until(Duration.ofMillis(PORT_FREE_TIMEOUT_MILLIS), () -> listening(host, port), busy -> !busy)) {
            throw new IllegalStateException("port " + port + " (" + property + ") is in use by another process; stop "
                    + "it (e.g. `ss -ltnp | grep :" + port + "`) or pass -D" + property + "=...");
        }
    }

    static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Only JDK classes: this runs in a shutdown hook, after exec-maven-plugin has closed our class loader. */
    static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** JVM-wide, so a second build in the same JVM (mvnd) replaces the first build's server. */
    private static String pidProperty(String name) {
        return "codeai.it." + name + ".pid";
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * Main class of a helper JVM: exits when the given (Maven) process is gone, then runs the server's own main.
     * Arguments: the pid to watch, the server's main class, then the server's arguments.
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
                System.out.println("Maven process " + args[0] + " is gone; stopping " + args[1]);
                System.exit(0);
            });
            try {
                Class.forName(args[1])
                        .getMethod("main", String[].class)
                        .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
