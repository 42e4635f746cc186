package dev.codeai.integrations.dsl;

import java.util.Set;

/**
 * The keys a block knows (DSL.md §3.4–3.9). An {@code open} block takes any key (headers, nested blocks
 * of unknown properties); others warn about unknown keys. Repeatable keys may occur more than once.
 */
record BlockShape(String name, boolean open, Set<String> known, Set<String> repeatable) {

    static final BlockShape OPEN = new BlockShape("block", true, Set.of(), Set.of());
    static final BlockShape CONFIG = closed("config", "name", "version", "database", "cache");
    static final BlockShape ENTITY = new BlockShape("entity", true, Set.of("description", "index"), Set.of("index"));
    static final BlockShape INTEGRATION = new BlockShape("integration", false, Set.of("description", "type",
            "base_url", "auth", "headers", "timeout", "retry", "retry_delays", "circuit_breaker", "rate_limit",
            "default_cache_ttl", "fallback", "idempotency", "batching", "signature", "dead_letter", "operation"),
            Set.of("operation"));
    static final BlockShape CIRCUIT_BREAKER = closed("circuit_breaker", "threshold", "reset_after",
            "notify_on_open", "half_open_max_calls");
    static final BlockShape RATE_LIMIT = closed("rate_limit", "requests", "window", "header");
    static final BlockShape IDEMPOTENCY = closed("idempotency", "header", "generate");
    static final BlockShape BATCHING = closed("batching", "enabled", "max_batch_size", "max_delay", "operation");
    static final BlockShape SIGNATURE = closed("signature", "algorithm", "header", "secret_from");
    static final BlockShape DEAD_LETTER = closed("dead_letter", "enabled", "retention");
    static final BlockShape OPERATION = closed("operation", "description", "method", "path", "query", "mutation",
            "variables", "body", "body_type", "headers", "returns", "cache", "success_codes");
    static final BlockShape ENDPOINT = closed("endpoint", "description", "auth", "roles", "path", "query", "body",
            "returns", "on_success");
    static final BlockShape EVENT = closed("event", "description", "payload", "publish_to", "trigger");

    private static BlockShape closed(String name, String... keys) {
        return new BlockShape(name, false, Set.of(keys), Set.of());
    }

    boolean knows(String key) {
        return open || known.contains(key);
    }

    /** The shape of a nested block written under {@code key} in this block. */
    BlockShape nested(String key) {
        if (this == INTEGRATION) {
            return switch (key) {
                case "circuit_breaker" -> CIRCUIT_BREAKER;
                case "rate_limit" -> RATE_LIMIT;
                case "idempotency" -> IDEMPOTENCY;
                case "batching" -> BATCHING;
                case "signature" -> SIGNATURE;
                case "dead_letter" -> DEAD_LETTER;
                default -> OPEN;
            };
        }
        return OPEN;
    }
}
