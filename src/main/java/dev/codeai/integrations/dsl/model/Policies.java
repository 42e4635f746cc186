package dev.codeai.integrations.dsl.model;

import java.time.Duration;
import java.util.Optional;

/** The smaller policy blocks of an integration (DSL.md §5.4). */
public final class Policies {

    private Policies() {
    }

    public record RateLimit(long requests, Duration window, Optional<String> header) {
    }

    public record Idempotency(String header, boolean generate) {
    }

    public record Batching(boolean enabled, int maxBatchSize, Duration maxDelay, String batchOperation) {
    }

    public record DeadLetter(boolean enabled, Duration retention) {
    }

    /** {@code signature}: {@code secretFrom} is a target field (endpoint.secret) or a fixed secret. */
    public record Signature(String algorithm, String header, SecretSource secretFrom) {
    }

    public sealed interface SecretSource {
        record TargetField(String field) implements SecretSource {
        }

        record Fixed(SecretValue value) implements SecretSource {
        }
    }

    /** {@code fallback}: none, the last cached response, or a literal JSON-shaped value. */
    public sealed interface Fallback {
        record None() implements Fallback {
        }

        record FromCache() implements Fallback {
        }

        record DefaultValue(Object value) implements Fallback {
        }
    }
}
