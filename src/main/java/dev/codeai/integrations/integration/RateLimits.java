package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Policies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code rate_limit} of each integration (DSL.md §5.4): every attempt, retries included, takes a token,
 * waiting for one when it comes in time, else the call ends with {@link RateLimited}. With Redis the bucket is
 * shared by every server instance ({@link RedisTokenBucket}, key {@code <cache.prefix>ratelimit:<name>});
 * while Redis cannot be reached, and without it, each process has its own {@link TokenBucket}. An answer whose {@code header} (e.g. {@code X-RateLimit-Remaining}) says 0 pauses the
 * integration until {@code X-RateLimit-Reset} (epoch seconds), else {@code Retry-After}, else one window.
 */
@ApplicationScoped
public class RateLimits {

    @Inject
    SharedRedis redis;

    @Inject
    Catalog catalog;

    @Inject
    DeployedPolicies deployed;

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, RedisTokenBucket> shared = new ConcurrentHashMap<>();
    private final RedisOutage outage = new RedisOutage("rate limits are kept per process",
            "rate limits are shared by every instance again");

    /** Waits for a token, at most {@code maxWait}; returns how long it waited. */
    Duration acquire(Call call, Duration maxWait) {
        Optional<TokenBucket> bucket = bucket(call.integration());
        if (bucket.isEmpty()) {
            return Duration.ZERO;
        }
        long wait = sharedBucket(call.integration()).flatMap(b -> outage.attempt(() -> b.take(maxWait.toMillis())))
                .map(TimeUnit.MILLISECONDS::toNanos)
                .orElseGet(() -> bucket.get().take(System.nanoTime(), maxWait.toNanos()));
        if (wait < 0) {
            throw new RateLimited(Math.max(1, (TimeUnit.NANOSECONDS.toMillis(-wait) + 999) / 1000));
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NonRetryableFailure("interrupted while waiting for a rate-limit token", null);
            }
        }
        return Duration.ofNanos(wait);
    }

    /** Reads the upstream's remaining-quota header of an answer. */
    void observe(Call call, UpstreamResponse answer) {
        Optional<Policies.RateLimit> limit = deployed.rateLimit(call.integration());
        Optional<String> remaining = limit.flatMap(Policies.RateLimit::header).flatMap(answer::header).map(String::trim);
        if (remaining.isEmpty() || !remaining.get().equals("0")) {
            return;
        }
        Duration pause = answer.header("X-RateLimit-Reset").flatMap(RateLimits::epochSeconds)
                .map(reset -> Duration.ofMillis(reset * 1000 - System.currentTimeMillis()))
                .or(() -> RetryAfter.of(answer)).orElse(limit.get().window());
        bucket(call.integration()).ifPresent(b -> b.pauseUntil(System.nanoTime() + Math.max(0, pause.toNanos())));
        sharedBucket(call.integration()).ifPresent(b -> outage.attempt(() -> {
            b.pause(pause);
            return true;
        }));
    }

    private Optional<RedisTokenBucket> sharedBucket(ResolvedIntegration integration) {
        return redis.client().flatMap(client -> deployed.rateLimit(integration).map(limit -> shared.computeIfAbsent(
                integration.name(), name -> new RedisTokenBucket(client, catalog.cachePrefix() + "ratelimit:" + name, limit.requests(), limit.window()))));
    }

    private Optional<TokenBucket> bucket(ResolvedIntegration integration) {
        return deployed.rateLimit(integration).map(limit -> buckets.computeIfAbsent(integration.name(),
                name -> new TokenBucket(limit.requests(), limit.window(), System.nanoTime())));
    }

    private static Optional<Long> epochSeconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
