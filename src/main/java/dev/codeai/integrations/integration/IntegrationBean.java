package dev.codeai.integrations.integration;

import dev.codeai.integrations.platform.Jsons;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/**
 * The generated fault-tolerance boundary of one integration: {@link #call} makes one HTTP attempt and
 * its MicroProfile Fault Tolerance annotations (from the DSL) add timeout, retries and the breaker.
 * Java code in the WAR calls an operation through it, with every policy applied:
 * <pre>{@code
 * @Inject @IntegrationName("GitHubAPI") IntegrationBean github;
 * Invoker.Invocation user = github.invoke("get_user", Jsons.PROVIDER.createObjectBuilder().add("username", "octocat").build());
 * }</pre>
 * Failures are the same {@code ApiProblem}s the invoke endpoint answers (CircuitOpen, UpstreamTimeout, …).
 */
public interface IntegrationBean {

    UpstreamResponse call(Call call);

    /** Calls {@code operation} with its arguments; a {@code deadline} bounds the whole call. */
    Invoker.Invocation invoke(String operation, JsonObject arguments, Optional<Duration> deadline);

    /** Calls {@code operation} with its arguments within the call budget of the DSL. */
    default Invoker.Invocation invoke(String operation, JsonObject arguments) {
        return invoke(operation, arguments, Optional.empty());
    }
}
