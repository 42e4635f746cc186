package dev.codeai.integrations.dsl.model;

import dev.codeai.integrations.dsl.Position;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An {@code integration} with every policy resolved to its effective value (DSL.md §5.4). */
public record Integration(String name, String description, IntegrationKind kind, Optional<SecretValue> baseUrl,
                          Auth auth, Map<String, SecretValue> headers, Duration timeout, RetryPolicy retry,
                          Optional<CircuitBreakerSpec> circuitBreaker, Optional<Policies.RateLimit> rateLimit,
                          Optional<Duration> defaultCacheTtl, Policies.Fallback fallback,
                          Optional<Policies.Idempotency> idempotency, Optional<Policies.Batching> batching,
                          Optional<Policies.Signature> signature, Optional<Policies.DeadLetter> deadLetter,
                          Map<String, Operation> operations, Set<String> extra, Position position) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Every environment variable the integration reads, in source order. */
    public Set<String> environmentVariables() {
        Set<String> names = new java.util.LinkedHashSet<>();
        baseUrl.ifPresent(v -> addEnv(v, names));
        auth.secrets().forEach(v -> addEnv(v, names));
        headers.values().forEach(v -> addEnv(v, names));
        operations.values().forEach(op -> op.headers().values().forEach(v -> addEnv(v, names)));
        signature.ifPresent(s -> {
            if (s.secretFrom() instanceof Policies.SecretSource.Fixed f) {
                addEnv(f.value(), names);
            }
        });
        return names;
    }

    private static void addEnv(SecretValue value, Set<String> names) {
        if (value instanceof SecretValue.EnvVar env) {
            names.add(env.name());
        }
    }
}
