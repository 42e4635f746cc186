package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Both stores of the response cache: in process, and real Redis on 127.0.0.1:6379 (started by .ci/run). */
class CacheStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void theLocalStoreDropsTheLeastRecentlyUsedAndPurgesByPrefix() {
        LocalCacheStore store = new LocalCacheStore(2);
        store.put("p:A:x", entry("a"), Duration.ofMinutes(1));
        store.put("p:A:y", entry("b"), Duration.ofMinutes(1));
        store.get("p:A:x");
        store.put("p:B:z", entry("c"), Duration.ofMinutes(1));

        assertThat(store.get("p:A:y")).as("least recently used").isEmpty();
        assertThat(store.get("p:A:x")).isPresent();
        assertThat(store.purge("p:A:")).isEqualTo(1);
        assertThat(store.get("p:B:z")).isPresent();
    }

    @Test
    void redisKeepsEntriesWholeWithTheirExpiryAndPurgesOnlyItsPrefix() {
        String prefix = "it[" + UUID.randomUUID() + "]*:";
        try (RedisClient redis = SharedRedis.connect(URI.create("redis://127.0.0.1:6379"));
             RedisCacheStore store = new RedisCacheStore(redis)) {
            store.put(prefix + "Weather:get:1", entry("{\"temp\":7}"), Duration.ofMinutes(10));
            store.put(prefix + "Weather:get:2", entry("{\"temp\":8}"), Duration.ofMinutes(10));
            store.put("other" + prefix + "Weather:get:1", entry("x"), Duration.ofMinutes(10));

            ResponseCache.Entry read = store.get(prefix + "Weather:get:1").orElseThrow();
            long ttl = redis.pttl(prefix + "Weather:get:1");

            assertThat(read.status()).isEqualTo(200);
            assertThat(read.contentType()).isEqualTo("application/json");
            assertThat(new String(read.body(), StandardCharsets.UTF_8)).isEqualTo("{\"temp\":7}");
            assertThat(read.freshUntil()).isEqualTo(NOW.plusSeconds(60));
            assertThat(ttl).isBetween(1L, Duration.ofMinutes(10).toMillis());
            assertThat(store.purge(prefix)).as("glob characters in the prefix are literal").isEqualTo(2);
            assertThat(store.get(prefix + "Weather:get:2")).isEmpty();
            assertThat(store.purge("other" + prefix)).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableRedisIsAMissAndASkippedStoreNeverAnError() {
        try (RedisClient unreachable = SharedRedis.connect(URI.create("redis://127.0.0.1:1"))) {
            RedisCacheStore store = new RedisCacheStore(unreachable);
            store.put("k", entry("v"), Duration.ofMinutes(1));
            assertThat(store.get("k")).isEmpty();
        }
    }

    private static ResponseCache.Entry entry(String body) {
        return new ResponseCache.Entry(200, "application/json", body.getBytes(StandardCharsets.UTF_8),
                NOW.plusSeconds(60), NOW.plus(1, ChronoUnit.DAYS));
    }
}
