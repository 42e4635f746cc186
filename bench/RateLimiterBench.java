package dev.codeai.integrations.integration;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import redis.clients.jedis.RedisClient;

/**
 * The per-call cost of the rate limiter: one token taken from the project's {@link RedisTokenBucket} (its Lua
 * script through the same pooled client {@link SharedRedis#connect} builds for the server) and from the local
 * {@link TokenBucket}, each with a quota so large that no call ever waits. One thread, calls back to back;
 * warm-up first. Lives in the classes' package because they are package-private; bench/cache compiles it into
 * target/bench against target/classes.
 *
 * Usage: RateLimiterBench REDIS_URL [CALLS, default 50000]
 */
public final class RateLimiterBench {

    private static final long HUGE_QUOTA = 1_000_000_000_000L; // per hour: the bucket never runs dry

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        String key = "bench:ratelimit:" + UUID.randomUUID();
        try (RedisClient client = SharedRedis.connect(url)) {
            RedisTokenBucket redis = new RedisTokenBucket(client, key, HUGE_QUOTA, Duration.ofHours(1));
            timed(calls / 2, () -> redis.take(0)); // warm-up: JIT, pool, EVAL script cache
            long[] redisNanos = timed(calls, () -> redis.take(0));
            client.del(key);
            timed(calls / 2, () -> client.ping().length() - 4); // "PONG": 0
            long[] pingNanos = timed(calls, () -> client.ping().length() - 4);
            report("rate limiter, Redis (RedisTokenBucket.take, EVAL)", redisNanos);
            report("  floor: Redis PING round trip, same client", pingNanos);
        }
        TokenBucket local = new TokenBucket(HUGE_QUOTA, Duration.ofHours(1), System.nanoTime());
        timed(calls * 4, () -> local.take(System.nanoTime(), 0));
        long[] localNanos = timed(calls * 4, () -> local.take(System.nanoTime(), 0));
        report("rate limiter, local (TokenBucket.take)", localNanos);
    }

    private interface Take {
        long take();
    }

    /** Each call's duration in ns; fails when a call did not get its token at once. */
    private static long[] timed(int calls, Take take) {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            long wait = take.take();
            nanos[i] = System.nanoTime() - start;
            if (wait != 0) {
                throw new IllegalStateException("the bucket asked to wait " + wait + "; the quota should be huge");
            }
        }
        return nanos;
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000.0;
        System.out.printf("%-50s mean %8.2f us  p50 %8.2f us  p99 %8.2f us  (n=%d, one thread)%n", name, mean,
                pct(sorted, 50) / 1000.0, pct(sorted, 99) / 1000.0, nanos.length);
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
