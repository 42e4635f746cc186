package dev.codeai.integrations.platform;

import dev.codeai.integrations.integration.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts the Redis the IT server uses ({@code it.redis.url}): a {@link TcpFaultProxy} in front of the machine's
 * Redis, as its own JVM (exec-maven-plugin, pre-integration-test, before the IT server starts) that dies with Maven
 * ({@link ItJvm}), and returns once it listens. Tests stop and start "Redis" through its control port
 * ({@code RedisOutageIT}) while the shared Redis keeps running for everyone else.
 */
public final class ItRedisProxy {

    private static final long START_TIMEOUT_MILLIS = 30_000;
    private static final String HOST = "127.0.0.1";

    private ItRedisProxy() {
    }

    /** Arguments: a work directory (for the log), the proxy port, the control port, the real Redis as host:port. */
    public static void main(String[] args) throws Exception {
        Path workDir = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        int port = Integer.parseInt(args[1]);
        int controlPort = Integer.parseInt(args[2]);
        String target = args[3];
        Path log = workDir.resolve("redis-proxy.log");

        ItJvm.stopEarlier("redis-proxy");
        ItJvm.awaitPortFree(HOST, port, "it.redis.proxy.port");
        ItJvm.awaitPortFree(HOST, controlPort, "it.redis.proxy.control.port");
        Process process = ItJvm.start(new ItJvm.Server("redis-proxy", List.of(), TcpFaultProxy.class.getName(),
                List.of(args[1], args[2], target), workDir, log));

        boolean up = Poll.until(Duration.ofMillis(START_TIMEOUT_MILLIS), () -> !process.isAlive()
                || ItJvm.listening(HOST, port) && ItJvm.listening(HOST, controlPort), done -> done) && process.isAlive();
        if (!up) {
            ItJvm.stop(process.toHandle());
            throw new IllegalStateException("the Redis proxy did not listen on " + HOST + ":" + port + " within "
                    + START_TIMEOUT_MILLIS / 1000 + " s; log " + log + ":\n" + ItJvm.tail(log));
        }
        System.out.println("Redis proxy on " + HOST + ":" + port + " for " + target + ", control on port " + controlPort
                + " (pid " + process.pid() + ", log " + log + ")");
    }
}
