package dev.codeai.integrations.integration;

import java.time.Duration;
import java.util.Optional;

/** Where the response cache keeps its answers: in process, or in Redis shared by every server instance. */
interface CacheStore extends AutoCloseable {

    Optional<ResponseCache.Entry> get(String key);

    /** Stores {@code entry}, to be forgotten after {@code keep}. */
    void put(String key, ResponseCache.Entry entry, Duration keep);

    /** Forgets every entry whose key starts with {@code keyPrefix}; returns how many there were. */
    int purge(String keyPrefix);

    @Override
    default void close() {
    }
}
