package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Auth;
import dev.codeai.integrations.dsl.model.Integration;
import dev.codeai.integrations.dsl.model.SecretValue;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * An integration with its {@code env(…)} values resolved once at start (DSL.md §5.9). When a variable is
 * missing or invalid the integration is {@code unconfigured}: listed as down, every call refused at once.
 * {@link #toString()} shows no resolved value.
 */
public final class ResolvedIntegration {

    private final Integration model;
    private final Optional<String> unconfigured;
    private final Map<String, String> environment;
    private volatile SigV4Signer signer;

    ResolvedIntegration(Integration model, Optional<String> unconfigured, Map<String, String> environment) {
        this.model = model;
        this.unconfigured = unconfigured;
        this.environment = Map.copyOf(environment);
    }

    public Integration model() {
        return model;
    }

    public String name() {
        return model.name();
    }

    /** Why calls are refused, when they are: "environment variable NAME is not set". */
    public Optional<String> unconfigured() {
        return unconfigured;
    }

    public boolean configured() {
        return unconfigured.isEmpty();
    }

    /** The value of a DSL value; only valid on a configured integration. */
    public String resolve(SecretValue value) {
        return value.resolve(environment).orElseThrow(() -> new IllegalStateException(
                "integration " + model.name() + " is unconfigured: " + unconfigured.orElse("")));
    }

    /** The base URL without a trailing slash. */
    public URI baseUrl() {
        String url = resolve(model.baseUrl().orElseThrow());
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The SigV4 signer of an {@code aws_signature_v4} integration; only valid on a configured integration. */
    public Optional<SigV4Signer> signer() {
        if (!(model.auth() instanceof Auth.AwsSigV4 aws)) {
            return Optional.empty();
        }
        SigV4Signer signer = this.signer;
        if (signer == null) {
            signer = new SigV4Signer(new SigV4Signer.Credentials(resolve(aws.accessKey()), resolve(aws.secretKey()),
                    aws.sessionToken().map(this::resolve)), resolve(aws.region()), resolve(aws.service()));
            this.signer = signer;
        }
        return Optional.of(signer);
    }

    @Override
    public String toString() {
        return "ResolvedIntegration[" + model.name() + (configured() ? "" : ", unconfigured") + "]";
    }
}
