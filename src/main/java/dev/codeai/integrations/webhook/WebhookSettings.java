package dev.codeai.integrations.webhook;

import dev.codeai.integrations.dsl.model.CircuitBreakerSpec;
import dev.codeai.integrations.dsl.model.IntegrationKind;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.dsl.model.Policies;
import dev.codeai.integrations.integration.Catalog;
import dev.codeai.integrations.integration.DeliveryEnginePolicies;
import dev.codeai.integrations.integration.ResolvedIntegration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The delivery engine's policies, from the DSL's one {@code type: webhook} integration (DSL.md §5.6): attempt
 * timeout, the retry schedule, success codes, the per-endpoint breaker, the signature header and dead-letter
 * retention. Deploy-time MicroProfile Config keys override the schedule and the breaker, like the fault-tolerance
 * keys of the other integrations: {@code codeai.webhooks.timeout}, {@code codeai.webhooks.retry-delays}
 * (comma-separated ISO-8601 durations),
 * {@code codeai.webhooks.breaker.failures}, {@code codeai.webhooks.breaker.reset-after}; and
 * {@code codeai.webhooks.secret-grace} (default 24 h) is how long a rotated-out secret keeps signing;
 * {@code codeai.webhooks.endpoint-concurrency} (default 16) caps one endpoint's attempts in flight per instance, so a
 * slow or dead endpoint cannot take every slot of the dispatcher.
 */
@ApplicationScoped
public class WebhookSettings implements DeliveryEnginePolicies {

    static final Set<Integer> DEFAULT_SUCCESS = Set.of(200, 201, 202, 204);

    @Inject
    Catalog catalog;

    @Inject
    Config config;

    private Optional<ResolvedIntegration> engine;
    private List<Duration> schedule;
    private Optional<CircuitBreakerSpec> breaker;
    private Map<String, String> headers;
    private Duration timeout;
    private int endpointConcurrency;

    @PostConstruct
    void read() {
        engine = catalog.all().stream().filter(i -> i.model().kind() == IntegrationKind.WEBHOOK).findFirst();
        schedule = config.getOptionalValue("codeai.webhooks.retry-delays", String.class).map(WebhookSettings::durations)
                .orElseGet(() -> engine.map(WebhookSettings::dslSchedule).orElse(List.of()));
        breaker = engine.flatMap(e -> e.model().circuitBreaker()).map(spec -> new CircuitBreakerSpec(
                config.getOptionalValue("codeai.webhooks.breaker.failures", Integer.class).orElse(spec.failures()),
                spec.window(),
                config.getOptionalValue("codeai.webhooks.breaker.reset-after", Duration.class).orElse(spec.resetAfter()),
                1, spec.notifyOnOpen()));
        timeout = config.getOptionalValue("codeai.webhooks.timeout", Duration.class)
                .orElseGet(() -> engine.map(e -> e.model().timeout()).orElse(Duration.ofSeconds(30)));
        endpointConcurrency = config.getOptionalValue("codeai.webhooks.endpoint-concurrency", Integer.class)
                .filter(n -> n > 0).orElse(WebhookDispatcher.ENDPOINT_CONCURRENCY);
        headers = new LinkedHashMap<>();
        engine.ifPresent(e -> deliver().ifPresent(op -> op.headers().forEach((name, value) -> headers.put(name, e.resolve(value)))));
        headers.putIfAbsent("Content-Type", "application/json");
    }

    /** At most this many attempts to one endpoint in flight per instance. */
    int endpointConcurrency() {
        return endpointConcurrency;
    }

    /** The {@code deliver} operation's headers, {@code env(…)} resolved, templates still to fill per attempt. */
    Map<String, String> headers() {
        return headers;
    }

    /** The integration's name ({@code WebhookDeliveryService} in the example), for events and logs. */
    public String name() {
        return engine.map(ResolvedIntegration::name).orElse("webhooks");
    }

    public boolean declared() {
        return engine.isPresent();
    }

    /** The one operation every delivery uses. */
    Optional<Operation> deliver() {
        return engine.flatMap(e -> e.model().operations().values().stream().findFirst());
    }

    /** Per-attempt timeout: the endpoint's {@code timeout_seconds} when it differs from the entity default, else the DSL's. */
    Duration timeout(int endpointTimeoutSeconds) {
        return endpointTimeoutSeconds != 30 ? Duration.ofSeconds(endpointTimeoutSeconds) : timeout;
    }

    /** {@code max_attempts} of a new delivery: 1 + retries, the endpoint's {@code retry_count} when it differs from 5. */
    int maxAttempts(int endpointRetryCount) {
        return 1 + (endpointRetryCount != 5 ? endpointRetryCount : schedule.size());
    }

    /** The wait before retry {@code k} (1-based), before jitter; the last wait repeats past the schedule. */
    Duration waitBefore(int k) {
        return schedule.isEmpty() ? Duration.ofMinutes(1) : schedule.get(Math.min(k, schedule.size()) - 1);
    }

    /** The schedule's longest wait: the upper clamp of an endpoint's Retry-After. */
    Duration longestWait() {
        return schedule.stream().max(Duration::compareTo).orElse(Duration.ofMinutes(1));
    }

    boolean succeeded(int status) {
        Set<Integer> codes = deliver().map(Operation::successCodes).filter(c -> !c.isEmpty()).orElse(DEFAULT_SUCCESS);
        return codes.contains(status);
    }

    @Override
    public Optional<CircuitBreakerSpec> breaker() {
        return breaker;
    }

    @Override
    public Duration attemptTimeout() {
        return timeout;
    }

    @Override
    public List<Duration> retryDelays() {
        return schedule;
    }

    String signatureAlgorithm() {
        return engine.flatMap(e -> e.model().signature()).map(Policies.Signature::algorithm).orElse("sha256");
    }

    String signatureHeader() {
        return engine.flatMap(e -> e.model().signature()).map(Policies.Signature::header).orElse("X-Webhook-Signature");
    }

    /** How long failed deliveries are kept; empty when the dead-letter block is off (no purge guarantee). */
    Optional<Duration> retention() {
        return engine.flatMap(e -> e.model().deadLetter()).filter(Policies.DeadLetter::enabled)
                .map(Policies.DeadLetter::retention);
    }

    Duration secretGrace() {
        return config.getOptionalValue("codeai.webhooks.secret-grace", Duration.class).orElse(Duration.ofHours(24));
    }

    private static List<Duration> dslSchedule(ResolvedIntegration engine) {
        var retry = engine.model().retry();
        List<Duration> waits = new ArrayList<>();
        for (int k = 1; k <= retry.maxRetries(); k++) {
            waits.add(retry.waitBefore(k));
        }
        return List.copyOf(waits);
    }

    private static List<Duration> durations(String text) {
        List<Duration> waits = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                waits.add(Duration.parse(part.trim()));
            }
        }
        return List.copyOf(waits);
    }
}
