package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;

/** The shared client's pool against real Redis (127.0.0.1:6379, started by .ci/run): its size is what was asked. */
class SharedRedisTest {

    private static final URI REDIS = URI.create("redis://127.0.0.1:6379");

    @Test
    void thePoolHoldsAsManyConnectionsAsConfiguredAndNoMore() {
        try (RedisClient redis = SharedRedis.connect(REDIS, 3)) {
            redis.getPool().setMaxWait(java.time.Duration.ofMillis(50));
            List<Connection> borrowed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                borrowed.add(redis.getPool().getResource());
            }
            assertThat(borrowed).allSatisfy(connection -> assertThat(connection.ping()).isTrue());
            assertThatThrownBy(() -> redis.getPool().getResource()).hasRootCauseInstanceOf(NoSuchElementException.class);
            borrowed.forEach(Connection::close);
            assertThat(redis.getPool().getNumIdle()).isEqualTo(3);
        }
    }

    @Test
    void theDefaultPoolIsLargerThanJedissOwn() {
        try (RedisClient redis = SharedRedis.connect(REDIS)) {
            assertThat(redis.getPool().getMaxTotal()).isEqualTo(SharedRedis.DEFAULT_POOL_SIZE).isGreaterThan(8);
        }
    }

    @Test
    void aPoolOfNoConnectionsIsRefused() {
        assertThatThrownBy(() -> SharedRedis.connect(REDIS, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_POOL_SIZE");
    }
}
