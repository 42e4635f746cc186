package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Auth;
import dev.codeai.integrations.dsl.model.CircuitBreakerSpec;
import dev.codeai.integrations.dsl.model.Integration;
import dev.codeai.integrations.dsl.model.IntegrationKind;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.dsl.model.Policies;
import dev.codeai.integrations.dsl.model.RetryPolicy;
import dev.codeai.integrations.dsl.model.SecretValue;
import dev.codeai.integrations.dsl.syntax.Declaration;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.Scalar;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds an {@code integration} (DSL.md §5.4) and checks what its type allows. */
final class IntegrationBinder {

    private static final List<String> TYPES = List.of("rest", "graphql", "webhook", "grpc");
    private static final Set<String> HTTP_ONLY = Set.of("rate_limit", "default_cache_ttl", "fallback", "idempotency");
    private static final Set<String> WEBHOOK_ONLY = Set.of("signature", "dead_letter");

    private final Values values;
    private final Diagnostics diagnostics;
    private final PolicyBinder policies;
    private final AuthBinder auth;
    private final OperationBinder operations;

    IntegrationBinder(Values values, TypeBinder types) {
        this.values = values;
        this.diagnostics = values.diagnostics();
        this.policies = new PolicyBinder(values);
        this.auth = new AuthBinder(values);
        this.operations = new OperationBinder(values, types, auth);
    }

    Optional<Integration> bind(Declaration.Integration decl) {
        diagnostics.context(decl.label());
        Props props = Props.of(decl.properties());
        Optional<IntegrationKind> kind = kind(props, decl);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        IntegrationKind k = kind.get();
        checkApplicable(props, k);
        Optional<SecretValue> baseUrl = baseUrl(props, k, decl);
        Auth authSpec = props.get("auth").map(auth::auth).orElse(new Auth.None());
        if (authSpec instanceof Auth.AwsSigV4 && k != IntegrationKind.REST) {
            diagnostics.error("invalid-value", props.get("auth").get().value().position(),
                    "aws_signature_v4 signs rest requests only");
        }
        Map<String, SecretValue> headers = props.get("headers").map(auth::headers).orElse(Map.of());
        Duration timeout = props.get("timeout").flatMap(t -> values.duration(t, false)).orElse(Integration.DEFAULT_TIMEOUT);
        RetryPolicy retry = policies.retry(props.get("retry"), props.get("retry_delays"));
        Optional<CircuitBreakerSpec> breaker = props.get("circuit_breaker").flatMap(policies::circuitBreaker);
        Optional<Policies.RateLimit> rateLimit = props.get("rate_limit").flatMap(policies::rateLimit);
        Optional<Duration> cacheTtl = props.get("default_cache_ttl").flatMap(t -> values.duration(t, true))
                .filter(d -> !d.isZero());
        Policies.Fallback fallback = props.get("fallback").map(policies::fallback).orElse(new Policies.Fallback.None());
        Optional<Policies.Idempotency> idempotency = props.get("idempotency").flatMap(policies::idempotency);
        Optional<Policies.Batching> batching = props.get("batching").filter(b -> k == IntegrationKind.REST)
                .flatMap(policies::batching);
        Optional<Policies.Signature> signature = props.get("signature").flatMap(policies::signature);
        if (k == IntegrationKind.WEBHOOK && signature.isEmpty() && !props.has("signature")) {
            signature = Optional.of(new Policies.Signature("sha256", "X-Webhook-Signature",
                    new Policies.SecretSource.TargetField("secret")));
        }
        Optional<Policies.DeadLetter> deadLetter = props.get("dead_letter").flatMap(policies::deadLetter);
        String description = props.get("description").flatMap(values::string).orElse("");
        Map<String, Operation> ops = operations(decl, k, authSpec);
        diagnostics.context(decl.label());
        if (k == IntegrationKind.WEBHOOK && decl.operations().size() != 1) {
            diagnostics.error("webhook-operation-count", decl.position(), "a webhook integration has exactly one operation "
                    + "(its delivery request) but this one has " + decl.operations().size());
        }
        batching = batching.flatMap(b -> new BatchingCheck(diagnostics).resolve(b, ops, props.get("batching").get()));
        notRetryable(decl, k, retry, idempotency, ops);
        Set<String> extra = new java.util.LinkedHashSet<>();
        decl.properties().stream().map(Property::key).filter(key -> !BlockShape.INTEGRATION.known().contains(key))
                .forEach(extra::add);
        return Optional.of(new Integration(decl.name(), description, k, baseUrl, authSpec, headers, timeout, retry,
                breaker, rateLimit, cacheTtl, fallback, idempotency, batching, signature, deadLetter, ops,
                Set.copyOf(extra), decl.position()));
    }

    private Optional<IntegrationKind> kind(Props props, Declaration.Integration decl) {
        Optional<Property> type = props.get("type");
        if (type.isEmpty()) {
            diagnostics.error("missing-property", decl.position(), "integration " + decl.name()
                    + " has no 'type': expected rest, graphql or webhook");
            return Optional.empty();
        }
        if (!(type.get().value() instanceof Scalar s) || s.kind() != TokenKind.NAME) {
            return values.invalid(type.get(), "rest, graphql or webhook");
        }
        return switch (s.text()) {
            case "rest" -> Optional.of(IntegrationKind.REST);
            case "graphql" -> Optional.of(IntegrationKind.GRAPHQL);
            case "webhook" -> Optional.of(IntegrationKind.WEBHOOK);
            case "grpc" -> {
                diagnostics.error("unsupported-integration-type", s.position(), "type grpc is reserved and not supported yet");
                yield Optional.empty();
            }
            default -> {
                diagnostics.error("unknown-integration-type", s.position(), "unknown integration type '" + s.text()
                        + "': expected rest, graphql or webhook" + Names.didYouMean(s.text(), TYPES));
                yield Optional.empty();
            }
        };
    }

    private void checkApplicable(Props props, IntegrationKind kind) {
        for (Property p : props.byKey().values()) {
            boolean httpOnly = HTTP_ONLY.contains(p.key()) && kind == IntegrationKind.WEBHOOK;
            boolean webhookOnly = WEBHOOK_ONLY.contains(p.key()) && kind != IntegrationKind.WEBHOOK;
            boolean restOnly = p.key().equals("batching") && kind != IntegrationKind.REST;
            if (httpOnly || webhookOnly || restOnly) {
                diagnostics.warning("ignored-property", p.position(), "'" + p.key() + "' has no effect on a "
                        + kind.dslName() + " integration; ignored");
            }
        }
    }

    private Optional<SecretValue> baseUrl(Props props, IntegrationKind kind, Declaration.Integration decl) {
        Optional<Property> p = props.get("base_url");
        if (p.isEmpty()) {
            if (kind != IntegrationKind.WEBHOOK) {
                diagnostics.error("missing-property", decl.position(), kind.dslName() + " integration " + decl.name()
                        + " needs a 'base_url'");
            }
            return Optional.empty();
        }
        if (kind == IntegrationKind.WEBHOOK) {
            diagnostics.warning("ignored-property", p.get().position(),
                    "'base_url' is ignored on a webhook integration: deliveries go to each endpoint's url");
            return Optional.empty();
        }
        Optional<SecretValue> url = values.secret(p.get().value(), "'base_url'");
        if (url.isPresent() && url.get() instanceof SecretValue.Literal l && !Urls.isHttpUrl(l.text())) {
            diagnostics.error("invalid-url", p.get().value().position(), "base_url \"" + l.text()
                    + "\" is not an absolute http or https URL");
        }
        if (url.isPresent() && url.get() instanceof SecretValue.EnvVar env && env.defaultValue().isPresent()
                && !Urls.isHttpUrl(env.defaultValue().get())) {
            diagnostics.error("invalid-url", p.get().value().position(), "the default of env(" + env.name()
                    + ") is not an absolute http or https URL");
        }
        return url;
    }

    private Map<String, Operation> operations(Declaration.Integration decl, IntegrationKind kind, Auth authSpec) {
        OperationBinder.Owner owner = new OperationBinder.Owner(decl.name(), kind, authSpec instanceof Auth.AwsSigV4);
        Map<String, Operation> ops = new LinkedHashMap<>();
        for (Declaration.Operation op : decl.operations()) {
            ops.put(op.name(), operations.bind(op, owner));
        }
        return ops;
    }

    private void notRetryable(Declaration.Integration decl, IntegrationKind kind, RetryPolicy retry,
                              Optional<Policies.Idempotency> idempotency, Map<String, Operation> ops) {
        if (kind == IntegrationKind.WEBHOOK || retry.maxRetries() == 0 || ops.isEmpty()
                || idempotency.map(Policies.Idempotency::generate).orElse(false)) {
            return;
        }
        boolean anyRetryable = ops.values().stream().anyMatch(op -> op.document()
                .map(d -> d.kind() == Operation.GraphqlDocument.Kind.QUERY)
                .orElse(op.method().idempotent()));
        if (!anyRetryable) {
            diagnostics.info("not-retryable", decl.position(), "none of the operations of " + decl.name()
                    + " is retried: POST, PATCH and mutations retry only with idempotency { generate: true }");
        }
    }
}
