package dev.codeai.integrations.integration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
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

    /**
     * Pooled connections unless {@code REDIS_POOL_SIZE} says otherwise: every call of a cached or rate-limited operation
     * takes one for about a round trip, before its bulkhead, so Jedis's default of 8 made most of 128 request threads
     * wait for one during a burst (a thread dump in the bulkhead test); 32 keep up with as many calls in flight as one
     * integration's default bulkhead lets through.
     */
    static final int DEFAULT_POOL_SIZE = 32;

    @Inject
    @ConfigProperty(name = "REDIS_URL")
    Optional<String> redisUrl;

    @Inject
    @ConfigProperty(name = "REDIS_POOL_SIZE", defaultValue = "" + DEFAULT_POOL_SIZE)
    int poolSize;

    private RedisClient client;

    @PostConstruct
    void open() {
        client = redisUrl.filter(url -> !url.isBlank()).map(url -> connect(URI.create(url), poolSize)).orElse(null);
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

    /** A client with the default pool ({@value #DEFAULT_POOL_SIZE} connections) for the URL. */
    static RedisClient connect(URI url) {
        return connect(url, DEFAULT_POOL_SIZE);
    }

    /**
     * A client with a pool of {@code poolSize} connections for the URL: user, password, database and TLS
     * ({@code rediss://}) taken from it.
     */
    static RedisClient connect(URI url, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("REDIS_POOL_SIZE must be at least 1, not " + poolSize);
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        return RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(url)).clientConfig(config(url))
                .poolConfig(pool).build();
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
