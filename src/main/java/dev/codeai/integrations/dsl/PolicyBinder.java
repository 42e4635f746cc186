package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.CircuitBreakerSpec;
import dev.codeai.integrations.dsl.model.Policies;
import dev.codeai.integrations.dsl.model.RetryPolicy;
import dev.codeai.integrations.dsl.syntax.BlockValue;
import dev.codeai.integrations.dsl.syntax.CallValue;
import dev.codeai.integrations.dsl.syntax.ListValue;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.RefValue;
import dev.codeai.integrations.dsl.syntax.RetryPhrase;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.ThresholdPhrase;
import dev.codeai.integrations.dsl.syntax.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The policy properties of an integration (DSL.md §5.4 and its defaults table). */
final class PolicyBinder {

    private final Values values;
    private final Diagnostics diagnostics;

    PolicyBinder(Values values) {
        this.values = values;
        this.diagnostics = values.diagnostics();
    }

    RetryPolicy retry(Optional<Property> retry, Optional<Property> delaysProperty) {
        int n = 0;
        RetryPolicy.Strategy strategy = RetryPolicy.Strategy.EXPONENTIAL;
        if (retry.isPresent()) {
            RetryPhrase phrase = (RetryPhrase) retry.get().value();
            n = (int) Math.min(Integer.MAX_VALUE, phrase.count());
            if (phrase.count() > 100) {
                diagnostics.error("invalid-value", phrase.position(), "retry count " + phrase.count()
                        + " is too large (at most 100)");
            }
            strategy = switch (phrase.strategy()) {
                case "", "exponential_backoff" -> RetryPolicy.Strategy.EXPONENTIAL;
                case "linear_backoff" -> RetryPolicy.Strategy.LINEAR;
                case "fixed_backoff" -> RetryPolicy.Strategy.FIXED;
                default -> {
                    diagnostics.error("invalid-value", phrase.strategyPosition(), "unknown retry strategy '"
                            + phrase.strategy() + "': expected exponential_backoff, linear_backoff or fixed_backoff"
                            + Names.didYouMean(phrase.strategy(), List.of("exponential_backoff", "linear_backoff",
                            "fixed_backoff")));
                    yield RetryPolicy.Strategy.EXPONENTIAL;
                }
            };
        }
        List<Duration> delays = delaysProperty.map(this::durations).orElse(List.of());
        if (delaysProperty.isEmpty() || delays.isEmpty()) {
            return new RetryPolicy(n, strategy, List.of());
        }
        if (retry.isEmpty()) {
            return new RetryPolicy(delays.size(), strategy, delays);
        }
        Position at = delaysProperty.get().position();
        List<Duration> fitted = new ArrayList<>(delays);
        if (delays.size() < n) {
            diagnostics.warning("retry-delays-length", at, "retry_delays has " + delays.size() + " waits for " + n
                    + " retries; the last wait repeats");
            while (fitted.size() < n) {
                fitted.add(delays.get(delays.size() - 1));
            }
        } else if (delays.size() > n) {
            diagnostics.warning("retry-delays-length", at, "retry_delays has " + delays.size() + " waits for " + n
                    + " retries; the extra waits are ignored");
            fitted = fitted.subList(0, n);
        }
        return new RetryPolicy(n, strategy, List.copyOf(fitted));
    }

    private List<Duration> durations(Property p) {
        if (!(p.value() instanceof ListValue list)) {
            return values.<List<Duration>>invalid(p, "a list of durations such as [1m, 5m]").orElse(List.of());
        }
        List<Duration> out = new ArrayList<>();
        for (Value item : list.items()) {
            if (item instanceof Scalar s && s.kind() == TokenKind.DURATION) {
                out.add((Duration) s.value());
            } else {
                diagnostics.error("invalid-value", item.position(), "expected a duration in retry_delays but found "
                        + item.describe());
                return List.of();
            }
        }
        return out;
    }

    Optional<CircuitBreakerSpec> circuitBreaker(Property p) {
        Optional<BlockValue> block = values.block(p);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        Props props = Props.of(block.get().properties());
        int failures = CircuitBreakerSpec.DEFAULT_FAILURES;
        Optional<Duration> window = Optional.empty();
        if (props.get("threshold").isPresent()) {
            ThresholdPhrase t = (ThresholdPhrase) props.get("threshold").get().value();
            if (t.count() < 1 || t.count() > 10_000) {
                diagnostics.error("invalid-value", t.position(), "the failure threshold must be between 1 and 10000");
            }
            failures = (int) Math.max(1, Math.min(10_000, t.count()));
            if (t.window().isPresent() && t.window().get().isZero()) {
                diagnostics.error("zero-duration", t.windowPosition(), "a threshold window must be longer than 0");
            }
            window = t.consecutive() ? Optional.empty() : t.window();
        }
        Duration resetAfter = props.get("reset_after").flatMap(r -> values.duration(r, false))
                .orElse(CircuitBreakerSpec.DEFAULT_RESET_AFTER);
        int halfOpen = props.get("half_open_max_calls").flatMap(h -> values.integer(h, 1)).map(Long::intValue).orElse(1);
        boolean notify = props.get("notify_on_open").flatMap(values::bool).orElse(true);
        return Optional.of(new CircuitBreakerSpec(failures, window, resetAfter, halfOpen, notify));
    }

    Optional<Policies.RateLimit> rateLimit(Property p) {
        Optional<BlockValue> block = values.block(p);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        Props props = Props.of(block.get().properties());
        Optional<Long> requests = props.get("requests").flatMap(r -> values.integer(r, 1));
        Optional<Duration> window = props.get("window").flatMap(w -> values.duration(w, false));
        Optional<String> headerName = props.get("header").flatMap(values::string);
        for (String key : List.of("requests", "window")) {
            if (!props.has(key)) {
                diagnostics.error("missing-property", p.position(), "rate_limit needs '" + key + "'");
            }
        }
        if (requests.isEmpty() || window.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Policies.RateLimit(requests.get(), window.get(), headerName));
    }

    Policies.Fallback fallback(Property p) {
        Value v = p.value();
        if (v instanceof Scalar s && s.isName("cache")) {
            return new Policies.Fallback.FromCache();
        }
        if (v instanceof Scalar s && s.isName("none")) {
            return new Policies.Fallback.None();
        }
        if (v instanceof CallValue c && c.name().equals("default") && c.args().size() == 1 && c.args().get(0).positional()) {
            Object json = values.json(c.args().get(0).value());
            return json == null ? new Policies.Fallback.None() : new Policies.Fallback.DefaultValue(json);
        }
        values.invalid(p, "cache, none or default({ … })");
        return new Policies.Fallback.None();
    }

    Optional<Policies.Idempotency> idempotency(Property p) {
        return values.block(p).map(b -> {
            Props props = Props.of(b.properties());
            String header = props.get("header").flatMap(values::string).orElse("Idempotency-Key");
            boolean generate = props.get("generate").flatMap(values::bool).orElse(false);
            return new Policies.Idempotency(header, generate);
        });
    }

    /** The batching block with its batch operation still unresolved ({@code batchOperation} may be empty). */
    Optional<Policies.Batching> batching(Property p) {
        Optional<BlockValue> block = values.block(p);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        Props props = Props.of(block.get().properties());
        boolean enabled = props.get("enabled").flatMap(values::bool).orElse(true);
        Optional<Long> size = props.get("max_batch_size").flatMap(s -> values.integer(s, 1));
        Optional<Duration> delay = props.get("max_delay").flatMap(d -> values.duration(d, true));
        String operation = props.get("operation").flatMap(o -> o.value() instanceof Scalar s && s.kind() == TokenKind.NAME
                ? Optional.of(s.text()) : values.invalid(o, "an operation name")).orElse("");
        for (String key : List.of("max_batch_size", "max_delay")) {
            if (!props.has(key)) {
                diagnostics.error("missing-property", p.position(), "batching needs '" + key + "'");
            }
        }
        if (size.isEmpty() || delay.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Policies.Batching(enabled, (int) Math.min(100_000, size.get()), delay.get(), operation));
    }

    Optional<Policies.Signature> signature(Property p) {
        Optional<BlockValue> block = values.block(p);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        Props props = Props.of(block.get().properties());
        String algorithm = "sha256";
        if (props.get("algorithm").isPresent()) {
            Property a = props.get("algorithm").get();
            algorithm = values.string(a).orElse("sha256");
            if (!Set.of("sha256", "sha512").contains(algorithm)) {
                diagnostics.error("invalid-signature-algorithm", a.value().position(), "signature algorithm '" + algorithm
                        + "' is not accepted: use \"sha256\" (HMAC-SHA256) or \"sha512\"");
                algorithm = "sha256";
            }
        }
        String header = props.get("header").flatMap(values::string).orElse("X-Webhook-Signature");
        Policies.SecretSource source = new Policies.SecretSource.TargetField("secret");
        if (props.get("secret_from").isPresent()) {
            Property s = props.get("secret_from").get();
            if (s.value() instanceof RefValue ref) {
                source = targetField(ref).orElse(source);
            } else {
                source = values.secret(s.value(), "secret_from").<Policies.SecretSource>map(Policies.SecretSource.Fixed::new)
                        .orElse(source);
            }
        }
        return Optional.of(new Policies.Signature(algorithm, header, source));
    }

    private Optional<Policies.SecretSource> targetField(RefValue ref) {
        if (ref.parts().size() == 2 && ref.parts().get(0).equals("endpoint")) {
            return Optional.of(new Policies.SecretSource.TargetField(ref.parts().get(1)));
        }
        diagnostics.error("invalid-value", ref.position(), "secret_from must be endpoint.<field>, env(NAME) or a string, not "
                + ref.describe());
        return Optional.empty();
    }

    Optional<Policies.DeadLetter> deadLetter(Property p) {
        return values.block(p).map(b -> {
            Props props = Props.of(b.properties());
            boolean enabled = props.get("enabled").flatMap(values::bool).orElse(true);
            Duration retention = props.get("retention").flatMap(r -> values.duration(r, false)).orElse(Duration.ofDays(7));
            return new Policies.DeadLetter(enabled, retention);
        });
    }
}
