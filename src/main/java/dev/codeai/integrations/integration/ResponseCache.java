package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.HttpMethod;
import dev.codeai.integrations.dsl.model.Integration;
import dev.codeai.integrations.dsl.model.Operation;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The response cache of DSL.md §5.5, in Redis when {@code REDIS_URL} is set, else in process: successful
 * answers of GET operations and GraphQL queries kept for the operation's {@code cache} (else the
 * integration's {@code default_cache_ttl}), and beyond that, as stale answers for {@code fallback: cache},
 * up to {@code codeai.cache.max-stale} (default 24 h).
 * In process at most {@code codeai.cache.max-entries} answers (least recently used go first); each at most
 * {@code codeai.cache.max-entry-bytes}. Redis being down never fails a call (see {@link RedisCacheStore}).
 * Thread-safe.
 */
@ApplicationScoped
public class ResponseCache {

    /** A stored answer: what the caller receives again, and until when it is fresh. */
    public record Entry(int status, String contentType, byte[] body, Instant freshUntil, Instant keptUntil) {

        public boolean fresh(Instant now) {
            return now.isBefore(freshUntil);
        }

        UpstreamResponse response() {
            return new UpstreamResponse(status, Map.of("Content-Type", List.of(contentType)), body);
        }
    }

    @Inject
    @ConfigProperty(name = "codeai.cache.max-entries", defaultValue = "10000")
    int maxEntries;

    @Inject
    @ConfigProperty(name = "codeai.cache.max-entry-bytes", defaultValue = "1048576")
    int maxEntryBytes;

    @Inject
    @ConfigProperty(name = "codeai.cache.max-stale", defaultValue = "PT24H")
    Duration maxStale;

    @Inject
    SharedRedis redis;

    private CacheStore store;

    @PostConstruct
    void open() {
        store = redis.client().<CacheStore>map(RedisCacheStore::new).orElseGet(() -> new LocalCacheStore(maxEntries));
    }

    /** How long answers of the operation are fresh; empty when it is not cached (DSL.md §5.5 "Cache rules"). */
    public static Optional<Duration> ttl(Integration integration, Operation operation) {
        boolean cacheable = operation.document().map(d -> d.kind() == Operation.GraphqlDocument.Kind.QUERY)
                .orElse(operation.method() == HttpMethod.GET && operation.bodyType() != Operation.BodyType.BINARY);
        if (!cacheable) {
            return Optional.empty();
        }
        return operation.cacheTtl().or(integration::defaultCacheTtl).filter(ttl -> !ttl.isZero());
    }

    /** The stored answer under {@code key}, fresh or stale; nothing once it is past its maximum staleness. */
    public Optional<Entry> get(String key, Instant now) {
        return store.get(key).filter(entry -> now.isBefore(entry.keptUntil()));
    }

    /** Forgets every answer whose key starts with {@code keyPrefix}; returns how many there were. */
    public int purge(String keyPrefix) {
        try {
            return store.purge(keyPrefix);
        } catch (JedisException e) {
            throw new IntegrationProblems.CacheUnavailable();
        }
    }

    /** Stores a successful answer; an answer too large for the cache is not stored. */
    public void put(String key, UpstreamResponse response, Duration ttl, Instant now) {
        if (response.body().length > maxEntryBytes || response.stream().isPresent()) {
            return;
        }
        Instant freshUntil = now.plus(ttl);
        store.put(key, new Entry(response.status(), response.contentType(), response.body(), freshUntil,
                freshUntil.plus(maxStale)), ttl.plus(maxStale));
    }
}
