package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** An outage of the shared Redis: steps give nothing instead of failing, and Redis is tried again once a second. */
class RedisOutageTest {

    private final AtomicLong now = new AtomicLong();
    private final RedisOutage outage = new RedisOutage("costs", "back", now::get);
    private final AtomicInteger tries = new AtomicInteger();
    private boolean redisUp = true;

    private final Supplier<String> get = () -> {
        tries.incrementAndGet();
        if (!redisUp) {
            throw new JedisConnectionException("Connection refused");
        }
        return "value";
    };

    @Test
    void aFailingStepGivesNothingAndTheNextOnesSkipRedisUntilItIsTimeToTryAgain() {
        assertThat(outage.attempt(get)).contains("value");
        redisUp = false;

        Optional<String> failed = outage.attempt(get);
        now.addAndGet(RedisOutage.RETRY_EVERY.toNanos() - 1);
        Optional<String> skipped = outage.attempt(get);

        assertThat(failed).isEmpty();
        assertThat(skipped).isEmpty();
        assertThat(tries).as("the skipped step did not wait on Redis").hasValue(2);
        now.addAndGet(1);
        assertThat(outage.attempt(get)).isEmpty();
        assertThat(outage.attempt(get)).isEmpty();
        assertThat(tries).as("one try per interval").hasValue(3);
    }

    @Test
    void redisIsUsedAgainByTheFirstTryAfterItIsBack() {
        redisUp = false;
        outage.attempt(get);
        redisUp = true;

        Optional<String> tooSoon = outage.attempt(get);
        now.addAndGet(RedisOutage.RETRY_EVERY.toNanos());

        assertThat(tooSoon).isEmpty();
        assertThat(outage.attempt(get)).contains("value");
        assertThat(outage.attempt(get)).as("no longer down").contains("value");
        assertThat(tries).hasValue(3);
    }
}
