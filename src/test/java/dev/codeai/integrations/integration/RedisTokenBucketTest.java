package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The shared bucket in real Redis (127.0.0.1:6379, started by .ci/run): two instances draw from one quota. */
class RedisTokenBucketTest {

    @Test
    void twoInstancesShareOneQuota() {
        String key = "it:ratelimit:" + UUID.randomUUID();
        try (RedisClient one = SharedRedis.connect(URI.create("redis://127.0.0.1:6379"));
             RedisClient two = SharedRedis.connect(URI.create("redis://127.0.0.1:6379"))) {
            RedisTokenBucket a = new RedisTokenBucket(one, key, 3, Duration.ofHours(1));
            RedisTokenBucket b = new RedisTokenBucket(two, key, 3, Duration.ofHours(1));

            assertThat(a.take(0)).isZero();
            assertThat(b.take(0)).isZero();
            assertThat(a.take(0)).isZero();
            long refused = b.take(0);

            assertThat(refused).as("the 4th request of 3 per hour waits about 20 minutes").isNegative()
                    .isBetween(-Duration.ofMinutes(21).toMillis(), -Duration.ofMinutes(19).toMillis());
            assertThat(one.pttl(key)).isPositive();
            one.del(key);
        }
    }

    @Test
    void aPauseHoldsEveryInstance() {
        String key = "it:ratelimit:" + UUID.randomUUID();
        try (RedisClient redis = SharedRedis.connect(URI.create("redis://127.0.0.1:6379"))) {
            RedisTokenBucket a = new RedisTokenBucket(redis, key, 100, Duration.ofSeconds(1));
            RedisTokenBucket b = new RedisTokenBucket(redis, key, 100, Duration.ofSeconds(1));
            a.pause(Duration.ofSeconds(60));

            assertThat(b.take(1_000)).as("60 s left, 1 s acceptable").isBetween(-60_000L, -58_000L);
            assertThat(b.take(120_000)).as("waits out the pause").isBetween(58_000L, 60_000L);
            redis.del(key);
        }
    }
}
