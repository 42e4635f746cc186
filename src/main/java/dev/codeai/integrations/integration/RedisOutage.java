package dev.codeai.integrations.integration;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs Redis steps of one use of the shared Redis so that an outage never fails a call: a failing step gives
 * nothing, and the log says once when the outage starts (what it costs) and once when Redis answers again.
 * While it is down one step per {@link #RETRY_EVERY} tries Redis again and the others give nothing at once, so a
 * Redis that hangs (no answer until the timeout) does not add its timeouts to every call of the outage.
 * Thread-safe.
 */
final class RedisOutage {

    /** How often, while Redis is down, a step tries it again. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(RedisOutage.class.getName());

    private final String whileDown;
    private final String whenBack;
    private final LongSupplier nanoTime;
    private final AtomicLong retryAt = new AtomicLong();
    private volatile boolean down;

    /** {@code whileDown}: what happens meanwhile, e.g. "calls go to their upstreams without the response cache". */
    RedisOutage(String whileDown, String whenBack) {
        this(whileDown, whenBack, System::nanoTime);
    }

    RedisOutage(String whileDown, String whenBack, LongSupplier nanoTime) {
        this.whileDown = whileDown;
        this.whenBack = whenBack;
        this.nanoTime = nanoTime;
    }

    <T> Optional<T> attempt(Supplier<T> step) {
        if (down) {
            long now = nanoTime.getAsLong();
            long at = retryAt.get();
            if (now - at < 0 || !retryAt.compareAndSet(at, now + RETRY_EVERY.toNanos())) {
                return Optional.empty();
            }
        }
        try {
            T result = step.get();
            if (down) {
                down = false;
                LOG.info("Redis answers again; " + whenBack + ".");
            }
            return Optional.ofNullable(result);
        } catch (JedisException e) {
            retryAt.set(nanoTime.getAsLong() + RETRY_EVERY.toNanos());
            if (!down) {
                down = true;
                LOG.log(Level.WARNING, "Redis is unreachable ({0}); " + whileDown + " until it answers again.",
                        e.getClass().getSimpleName());
            }
            return Optional.empty();
        }
    }
}
