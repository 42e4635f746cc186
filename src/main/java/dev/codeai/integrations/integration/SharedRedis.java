package dev.codeai.integrations.integration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The one pooled Redis client of the server when {@code REDIS_URL} is set
 * ({@code redis://[user:pass@]host:port[/db]}, TLS {@code rediss://}): the state server instances share
 * (response cache, rate-limit buckets). Short timeouts, so an unreachable Redis costs calls little.
 */
@ApplicationScoped
public class SharedRedis {

    /** Connect and read timeout for Redis: slow shared state must not slow calls down much. */
    static final int TIMEOUT_MS = 500;

    @Inject
    @ConfigProperty(name = "REDIS_URL")
    Optional<String> redisUrl;

    private RedisClient client;

    @PostConstruct
    void open() {
        client = redisUrl.filter(url -> !url.isBlank()).map(url -> connect(URI.create(url))).orElse(null);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** The client, when Redis is configured. */
    public Optional<RedisClient> client() {
        return Optional.ofNullable(client);
    }

    /** A pooled client for the URL: user, password, database and TLS ({@code rediss://}) taken from it. */
    static RedisClient connect(URI url) {
        return RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(url)).clientConfig(config(url)).build();
    }

    /**
     * Whether Redis at the URL answers a PING on a new connection within the calls' own timeout, so the answer is
     * what calls see now, whatever the pool holds. Never throws for an unreachable Redis.
     */
    public static boolean answers(URI url) {
        try (Jedis jedis = new Jedis(JedisURIHelper.getHostAndPort(url), config(url))) {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    private static JedisClientConfig config(URI url) {
        if (!JedisURIHelper.isValid(url)) {
            throw new IllegalArgumentException("REDIS_URL must look like redis://[user:pass@]host:port[/db] or rediss://…");
        }
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MS).socketTimeoutMillis(TIMEOUT_MS)
                .user(JedisURIHelper.getUser(url)).password(JedisURIHelper.getPassword(url))
                .database(JedisURIHelper.getDBIndex(url)).ssl(JedisURIHelper.isRedisSSLScheme(url)).build();
    }
}
