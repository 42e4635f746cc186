package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.CircuitBreakerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the webhook delivery engine really runs with: the {@code type: webhook} integration's DSL values under the
 * engine's own deploy-time keys ({@code codeai.webhooks.timeout}, {@code .retry-delays}, {@code .breaker.*}), which
 * replace the fault-tolerance keys of the integrations that are called. {@code GET /integrations/{name}} shows these
 * for that integration.
 */
public interface DeliveryEnginePolicies {

    /** An attempt's timeout, unless the endpoint sets its own. */
    Duration attemptTimeout();

    /** The waits before each retry, before jitter; their number is the retries. */
    List<Duration> retryDelays();

    /** The breaker every endpoint has, if the DSL declares one. */
    Optional<CircuitBreakerSpec> breaker();
}
