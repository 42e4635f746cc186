package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.HttpMethod;
import dev.codeai.integrations.dsl.model.IntegrationKind;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.platform.ApiProblem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Calls an operation through its integration's generated fault-tolerance bean and turns the outcome into
 * a response or a named problem (DSL.md §5.5, issue text "Invoking"). Records every call's outcome.
 */
@ApplicationScoped
public class Invoker {

    @Inject
    Catalog catalog;

    @Inject
    @Any
    Instance<IntegrationBulkhead> bulkheads;

    @Inject
    CircuitStates circuits;

    @Inject
    Clock clock;

    @Inject
    DeployedPolicies deployed;

    @Inject
    CallOutcomes outcomes;

    @Inject
    CircuitTransitions transitions;

    @Inject
    ResponseCache cache;

    @Inject
    Fallbacks fallbacks;

    @Inject
    Batches batches;

    /**
     * A completed call: the upstream's answer, how many attempts it took, the breaker state after it and, for
     * a cached operation, {@code HIT} or {@code MISS} (the {@code X-Cache} header).
     */
    public record Invocation(UpstreamResponse response, int attempts, String circuitState, Optional<String> cache) {

        public Invocation(UpstreamResponse response, int attempts, String circuitState) {
            this(response, attempts, circuitState, Optional.empty());
        }
    }

    /** The operation, or 404 problems naming what is unknown. */
    public Operation operation(String name, String operationName) {
        ResolvedIntegration integration = catalog.find(name).orElseThrow(() -> new IntegrationProblems.UnknownIntegration(name));
        return Optional.ofNullable(integration.model().operations().get(operationName))
                .orElseThrow(() -> new IntegrationProblems.UnknownOperation(name, operationName));
    }

    /** The longest a call of the integration may take: its call budget (DSL.md §5.4). */
    public Duration budget(String name) {
        return deployed.budget(catalog.find(name).orElseThrow(() -> new IntegrationProblems.UnknownIntegration(name)));
    }

    /** Calls an operation with a JSON object of arguments. */
    public Invocation invoke(String name, String operationName, JsonObject input, Optional<String> callerKey) {
        return invoke(name, operationName, input, callerKey, Optional.empty(), Optional.empty());
    }

    /**
     * Calls an operation; {@code payload} is the raw body of a {@code body_type: binary} operation, which
     * the caller closes after this returns. A {@code deadline} bounds the whole call, attempts and waits
     * (DSL.md §5.4 "Call budget"), within the bean's own {@code (retries + 1) × timeout}.
     */
    public Invocation invoke(String name, String operationName, JsonObject input, Optional<String> callerKey,
                             Optional<Payload> payload, Optional<Duration> deadline) {
        Operation operation = operation(name, operationName);
        ResolvedIntegration integration = catalog.find(name).orElseThrow();
        Map<String, JsonValue> arguments = Arguments.bind(operation, input);
        if (integration.model().kind() == IntegrationKind.WEBHOOK) {
            throw new IntegrationProblems.NotInvocable("Integration " + name
                    + " is the webhook delivery engine; publish events instead of calling it.");
        }
        integration.unconfigured().ifPresent(reason -> {
            throw new IntegrationProblems.Unconfigured(name, reason);
        });
        RequestBuilder.unsupported(integration.model(), operation).ifPresent(reason -> {
            throw new IntegrationProblems.NotSupported("Operation " + name + "." + operationName + ": " + reason + ".");
        });
        if (operation.method() == HttpMethod.INTERNAL) {
            Instant start = clock.instant();
            UpstreamResponse presigned = Presigner.presign(integration, operationName, arguments, start);
            record(name, operationName, CallOutcomes.Outcome.SUCCESS, start, "");
            return new Invocation(presigned, 0, circuits.state(integration));
        }
        if (Batches.buffered(integration, operation)) {
            return awaited(batched(integration, operation, arguments));
        }
        if (operation.bodyType() == Operation.BodyType.BINARY && payload.isEmpty()) {
            throw new IntegrationProblems.InvalidArguments(operationName, List.of(new FieldError("body",
                    "operation " + operationName + " takes its payload as the raw request body")));
        }
        Call call = new Call(integration, operation, arguments, idempotencyKey(integration, callerKey),
                deadline.filter(d -> d.compareTo(deployed.budget(integration)) < 0).orElse(deployed.budget(integration)),
                payload);
        Optional<Duration> ttl = ResponseCache.ttl(integration.model(), operation);
        String cacheKey = ttl.map(t -> CacheKeys.key(cachePrefix(), name, operationName, arguments)).orElse(null);
        Instant start = clock.instant();
        Optional<ResponseCache.Entry> fresh = cacheKey == null ? Optional.empty()
                : cache.get(cacheKey, start).filter(entry -> entry.fresh(start));
        if (fresh.isPresent()) {
            record(name, operationName, CallOutcomes.Outcome.SUCCESS, start, "");
            return new Invocation(fresh.get().response(), 0, circuits.state(integration), Optional.of("HIT"));
        }
        try {
            return callBean(integration, operation, call, cacheKey, ttl, start);
        } catch (IntegrationProblems.CircuitOpen | IntegrationProblems.UpstreamTimeout | IntegrationProblems.BadGateway
                 | IntegrationProblems.RateLimited e) {
            return fallbacks.rescue(integration, operation, cacheKey, call, circuits.state(integration)).orElseThrow(() -> e);
        }
    }

    /**
     * A call of a buffered single-item operation (see {@link Batches}), answered once its batch is: 404/400/503
     * problems are thrown at once, the batch's outcome completes the stage. Holds no thread while it waits.
     */
    public CompletableFuture<Invocation> invokeBuffered(String name, String operationName, JsonObject input) {
        Operation operation = operation(name, operationName);
        ResolvedIntegration integration = catalog.find(name).orElseThrow();
        Map<String, JsonValue> arguments = Arguments.bind(operation, input);
        integration.unconfigured().ifPresent(reason -> {
            throw new IntegrationProblems.Unconfigured(name, reason);
        });
        return batched(integration, operation, arguments);
    }

    private CompletableFuture<Invocation> batched(ResolvedIntegration integration, Operation operation,
                                                  Map<String, JsonValue> arguments) {
        String name = integration.name();
        String batchOperation = integration.model().batching().orElseThrow().batchOperation();
        Instant start = clock.instant();
        return batches.submit(integration, operation, arguments, deployed.budget(integration),
                items -> invoke(name, batchOperation, items, Optional.empty())).whenComplete((result, failure) ->
                record(name, operation.name(), failure != null ? CallOutcomes.Outcome.UPSTREAM_ERROR
                        : result.response().status() >= 400 ? CallOutcomes.Outcome.CLIENT_ERROR
                        : CallOutcomes.Outcome.SUCCESS, start, failure != null ? "batch failed" : ""));
    }

    /** Whether calls of the operation are buffered into batches (DSL.md §5.4 "Batching rule"). */
    public boolean buffered(String name, String operationName) {
        return Batches.buffered(catalog.find(name).orElseThrow(() -> new IntegrationProblems.UnknownIntegration(name)),
                operation(name, operationName));
    }

    /**
     * The call through the integration's bulkhead and fault-tolerance bean, and what its outcome means for the
     * caller. A full bulkhead is a 503 at once, and so is a queue wait that used up the call's budget: before the
     * retry and the breaker, so neither sees it.
     */
    private Invocation callBean(ResolvedIntegration integration, Operation operation, Call call, String cacheKey,
                                Optional<Duration> ttl, Instant start) {
        String name = integration.name();
        String operationName = operation.name();
        IntegrationBulkhead bulkhead = bulkheads.select(new IntegrationName.Literal(name)).get();
        try {
            UpstreamResponse response = BulkheadWait.call(bulkhead, call);
            Optional<io.smallrye.graphql.client.Response> graphql = integration.model().kind() == IntegrationKind.GRAPHQL
                    ? GraphqlAnswer.read(response) : Optional.empty();
            Optional<JsonArray> graphqlErrors = graphql.flatMap(GraphqlAnswer::errors);
            if (graphqlErrors.isPresent()) {
                record(name, operationName, CallOutcomes.Outcome.GRAPHQL_ERROR, start, "GraphQL errors");
                throw new IntegrationProblems.GraphqlErrors(name, graphqlErrors.get());
            }
            if (graphql.isPresent()) {
                response = GraphqlAnswer.data(response, graphql.get());
            }
            record(name, operationName, response.status() >= 400 ? CallOutcomes.Outcome.CLIENT_ERROR
                    : CallOutcomes.Outcome.SUCCESS, start, "");
            UpstreamResponse answer = decoded(operation, response);
            if (cacheKey != null && operation.succeeded(answer.status())) {
                cache.put(cacheKey, answer, ttl.get(), clock.instant());
            }
            return new Invocation(answer, call.attempts(), circuits.state(integration),
                    cacheKey == null ? Optional.empty() : Optional.of("MISS"));
        } catch (BulkheadException e) {
            record(name, operationName, CallOutcomes.Outcome.BULKHEAD_FULL, start, "bulkhead full");
            throw IntegrationProblems.BulkheadFull.full(name, deployed.bulkheadConcurrency(integration),
                    deployed.bulkheadQueue(integration));
        } catch (BulkheadWait.Expired e) {
            record(name, operationName, CallOutcomes.Outcome.BULKHEAD_FULL, start, e.getMessage());
            throw IntegrationProblems.BulkheadFull.waitedOut(name, deployed.bulkheadConcurrency(integration),
                    e.waited().toMillis());
        } catch (CircuitBreakerOpenException e) {
            throw circuitOpen(integration, operationName, start, call);
        } catch (TimeoutException e) {
            throw timedOut(integration, operationName, start, call);
        } catch (RateLimited limited) {
            record(name, operationName, CallOutcomes.Outcome.RATE_LIMITED, start, "rate limit");
            throw new IntegrationProblems.RateLimited(name, limited.retryAfterSeconds(), call.attempts(),
                    circuits.state(integration));
        } catch (CircuitTrip trip) {
            // The breaker opened on this attempt; the call's remaining retries are abandoned (DSL.md §5.4).
            if (call.retryable() && call.attempts() <= deployed.maxRetries(integration)) {
                throw circuitOpen(integration, operationName, start, call);
            }
            return failed(integration, operationName, start, call, trip.failure());
        } catch (UpstreamFailure e) {
            return failed(integration, operationName, start, call, e);
        }
    }

    /** The result of a buffered call, for callers that wait on their own thread (the Java API, replays). */
    private static Invocation awaited(CompletableFuture<Invocation> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Invocation failed(ResolvedIntegration integration, String operation, Instant start, Call call,
                              UpstreamFailure e) {
        String name = integration.name();
        if (e.timedOut()) {
            throw timedOut(integration, operation, start, call);
        }
        if (e.status() >= 400 && e.status() < 500 && e.response().isPresent()) {
            record(name, operation, CallOutcomes.Outcome.CLIENT_ERROR, start, e.getMessage());
            return new Invocation(e.response().get(), call.attempts(), circuits.state(integration));
        }
        record(name, operation, CallOutcomes.Outcome.UPSTREAM_ERROR, start, e.getMessage());
        throw new IntegrationProblems.BadGateway(name, e.status(), call.attempts(), circuits.state(integration));
    }

    private RuntimeException circuitOpen(ResolvedIntegration integration, String operation, Instant start, Call call) {
        record(integration.name(), operation, CallOutcomes.Outcome.CIRCUIT_OPEN, start, "circuit open");
        // Until the breaker turns half-open: reset_after from when it (last) opened.
        long delay = deployed.breakerDelayMillis(integration);
        long left = transitions.lastOpened(integration)
                .map(opened -> delay - Duration.between(opened, clock.instant()).toMillis()).orElse(delay);
        long retryAfter = (Math.max(0, left) + 999) / 1000;
        return new IntegrationProblems.CircuitOpen(integration.name(), Math.max(1, retryAfter), call.attempts());
    }

    private RuntimeException timedOut(ResolvedIntegration integration, String operation, Instant start, Call call) {
        long timeout = deployed.timeoutMillis(integration);
        String limit = call.budget().compareTo(deployed.budget(integration)) < 0
                ? "the caller's deadline of " + call.budget().toMillis() + " ms" : timeout + " ms";
        record(integration.name(), operation, CallOutcomes.Outcome.TIMEOUT, start, "timed out after " + limit);
        return new IntegrationProblems.UpstreamTimeout(integration.name(), limit, call.attempts(),
                Optional.of(circuits.state(integration)));
    }

    /** Empties the response cache of an integration (404 when unknown); returns how many answers it held. */
    public int purgeCache(String name) {
        catalog.find(name).orElseThrow(() -> new IntegrationProblems.UnknownIntegration(name));
        return cache.purge(CacheKeys.integrationPrefix(cachePrefix(), name));
    }

    private String cachePrefix() {
        return catalog.cachePrefix();
    }

    /** The answer as the caller receives it (DSL.md §5.5 "Response decoding"); streams pass unchanged. */
    private static UpstreamResponse decoded(Operation operation, UpstreamResponse response) {
        if (response.stream().isPresent()) {
            return response;
        }
        ResponseDecoding.Decoded decoded = ResponseDecoding.decode(operation, response);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers());
        headers.remove("Content-Type");
        decoded.contentType().ifPresent(type -> headers.put("Content-Type", List.of(type)));
        return new UpstreamResponse(response.status(), headers, decoded.body());
    }

    private void record(String name, String operation, CallOutcomes.Outcome outcome, Instant start, String error) {
        Instant end = clock.instant();
        outcomes.record(name, operation, outcome, end, Duration.between(start, end), error);
    }

    private static Optional<String> idempotencyKey(ResolvedIntegration integration, Optional<String> callerKey) {
        return integration.model().idempotency().flatMap(idem -> callerKey.filter(k -> !k.isBlank())
                .or(() -> idem.generate() ? Optional.of(UUID.randomUUID().toString()) : Optional.empty()));
    }
}
