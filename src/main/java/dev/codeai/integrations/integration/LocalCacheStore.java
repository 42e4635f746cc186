package dev.codeai.integrations.integration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The in-process store: at most {@code maxEntries}, the least recently used go first. Thread-safe. */
final class LocalCacheStore implements CacheStore {

    private final Map<String, ResponseCache.Entry> entries;

    LocalCacheStore(int maxEntries) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ResponseCache.Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Optional<ResponseCache.Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized void put(String key, ResponseCache.Entry entry, Duration keep) {
        entries.put(key, entry); // expiry is the entry's keptUntil, checked by ResponseCache
    }

    @Override
    public synchronized int purge(String keyPrefix) {
        int before = entries.size();
        entries.keySet().removeIf(key -> key.startsWith(keyPrefix));
        return before - entries.size();
    }

    synchronized int size() {
        return entries.size();
    }
}
