package dev.codeai.integrations.integration;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs Redis steps of one use of the shared Redis so that an outage never fails a call: a failing step gives
 * nothing, and the log says once when the outage starts (what it costs) and once when Redis answers again.
 * Thread-safe.
 */
final class RedisOutage {

    private static final Logger LOG = Logger.getLogger(RedisOutage.class.getName());

    private final String whileDown;
    private final String whenBack;
    private volatile boolean down;

    /** {@code whileDown}: what happens meanwhile, e.g. "calls go to their upstreams without the response cache". */
    RedisOutage(String whileDown, String whenBack) {
        this.whileDown = whileDown;
        this.whenBack = whenBack;
    }

    <T> Optional<T> attempt(Supplier<T> step) {
        try {
            T result = step.get();
            if (down) {
                down = false;
                LOG.info("Redis answers again; " + whenBack + ".");
            }
            return Optional.ofNullable(result);
        } catch (JedisException e) {
            if (!down) {
                down = true;
                LOG.log(Level.WARNING, "Redis is unreachable ({0}); " + whileDown + " until it answers again.",
                        e.getClass().getSimpleName());
            }
            return Optional.empty();
        }
    }
}
