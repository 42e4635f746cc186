package dev.codeai.integrations.dsl.model;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The {@code config} block (DSL.md §5.1); {@code extra} names the unknown keys that were kept. */
public record Config(String name, String version, Optional<Database> database, Optional<Cache> cache,
                     Set<String> extra) {

    public static final Config EMPTY = new Config("", "", Optional.empty(), Optional.empty(), Set.of());

    public record Database(String engine, OptionalInt poolSize, Optional<Duration> timeout) {
    }

    public record Cache(String engine, Optional<Duration> ttl, String prefix) {
    }
}
