package dev.codeai.integrations.integration;

import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link TokenBucket} kept in Redis, so every server instance draws from the same quota: one hash per
 * integration ({@code tokens}, {@code ts}, {@code paused}, in milliseconds of Redis's own clock), changed by
 * atomic scripts. Throws Jedis exceptions when Redis cannot be reached; {@link RateLimits} then falls back to
 * its local bucket.
 */
final class RedisTokenBucket {

    /** KEYS[1] the bucket; ARGV capacity, tokens per ms, the longest acceptable wait (ms), key TTL (ms). */
    private static final String TAKE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local capacity, rate = tonumber(ARGV[1]), tonumber(ARGV[2])
            local maxWait, ttl = tonumber(ARGV[3]), tonumber(ARGV[4])
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'paused')
            local tokens, ts, paused = tonumber(b[1]) or capacity, tonumber(b[2]) or now, tonumber(b[3]) or 0
            if now > ts then
              tokens = math.min(capacity, tokens + (now - ts) * rate)
              ts = now
            end
            local wait = math.max(paused - now, math.ceil(math.max(0, 1 - tokens) / rate), 0)
            if wait <= maxWait then
              tokens = tokens - 1
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', ts)
            redis.call('PEXPIRE', KEYS[1], ttl)
            if wait > maxWait then
              return -math.max(1, wait)
            end
            return wait
            """;

    /** KEYS[1] the bucket; ARGV how long to pause from now (ms), key TTL (ms). */
    private static final String PAUSE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local pausedUntil = now + tonumber(ARGV[1])
            local paused = tonumber(redis.call('HGET', KEYS[1], 'paused')) or 0
            if pausedUntil > paused then
              redis.call('HSET', KEYS[1], 'paused', pausedUntil)
            end
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
            return 0
            """;

    private final UnifiedJedis redis;
    private final String key;
    private final long capacity;
    private final double perMilli;
    private final long ttlMillis;

    RedisTokenBucket(UnifiedJedis redis, String key, long requests, Duration window) {
        this.redis = redis;
        this.key = key;
        this.capacity = requests;
        this.perMilli = requests / (double) window.toMillis();
        this.ttlMillis = window.toMillis() * 2 + 60_000; // an idle bucket is full again after one window anyway
    }

    /** As {@link TokenBucket#take}, in milliseconds. */
    long take(long maxWaitMillis) {
        Object wait = redis.eval(TAKE, List.of(key), List.of(Long.toString(capacity), Double.toString(perMilli),
                Long.toString(maxWaitMillis), Long.toString(ttlMillis)));
        return (Long) wait;
    }

    void pause(Duration pause) {
        redis.eval(PAUSE, List.of(key), List.of(Long.toString(Math.max(0, pause.toMillis())), Long.toString(ttlMillis)));
    }
}
