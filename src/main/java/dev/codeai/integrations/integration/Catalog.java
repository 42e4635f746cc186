package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.Loader;
import dev.codeai.integrations.dsl.Urls;
import dev.codeai.integrations.dsl.model.Integration;
import dev.codeai.integrations.dsl.model.SecretValue;
import dev.codeai.integrations.dsl.model.Spec;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The integrations of the DSL file bundled in the WAR (the file the beans were generated from), with
 * their environment resolved once. Immutable after start; safe for concurrent use.
 */
@ApplicationScoped
public class Catalog {

    static final String BUNDLED_DSL = "codeai/integrations.cai";
    private static final Logger LOG = Logger.getLogger(Catalog.class.getName());

    @Inject
    Config config;

    private Spec spec;
    private Map<String, ResolvedIntegration> integrations;

    @PostConstruct
    void load() {
        String text = bundledText();
        Loader.Result result = Loader.load("integrations.cai", text);
        if (!result.ok()) {
            throw new IllegalStateException("the bundled integrations.cai does not load: "
                    + result.errors().get(0).format());
        }
        spec = result.spec().get();
        Map<String, ResolvedIntegration> resolved = new LinkedHashMap<>();
        for (Integration integration : spec.integrations().values()) {
            resolved.put(integration.name(), resolve(integration));
        }
        integrations = resolved;
        logLoaded();
    }

    private static String bundledText() {
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(BUNDLED_DSL)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_DSL + " is missing from the application; build it with `codeai generate`");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ResolvedIntegration resolve(Integration integration) {
        Map<String, String> environment = new HashMap<>();
        Optional<String> problem = Optional.empty();
        for (String name : integration.environmentVariables()) {
            config.getOptionalValue(name, String.class).filter(v -> !v.isEmpty()).ifPresent(v -> environment.put(name, v));
        }
        for (String name : integration.environmentVariables()) {
            if (!environment.containsKey(name) && !hasDefault(integration, name)) {
                problem = Optional.of("environment variable " + name + " is not set");
                LOG.warning(() -> "Integration " + integration.name() + " is unconfigured: environment variable "
                        + name + " is not set; its calls answer 503 until it is set and the server restarts");
                break;
            }
        }
        if (problem.isEmpty() && integration.baseUrl().isPresent()) {
            SecretValue url = integration.baseUrl().get();
            String value = url.resolve(environment).orElse("");
            if (!Urls.isHttpUrl(value)) {
                problem = Optional.of(url.redacted() + " is not an absolute http or https URL");
                LOG.warning("Integration " + integration.name() + " is unconfigured: base_url " + url.redacted()
                        + " is not an absolute http or https URL");
            }
        }
        return new ResolvedIntegration(integration, problem, environment);
    }

    private static boolean hasDefault(Integration integration, String variable) {
        List<SecretValue> values = new ArrayList<>();
        integration.baseUrl().ifPresent(values::add);
        values.addAll(integration.auth().secrets());
        values.addAll(integration.headers().values());
        integration.operations().values().forEach(op -> values.addAll(op.headers().values()));
        return values.stream().anyMatch(v -> v instanceof SecretValue.EnvVar env && env.name().equals(variable)
                && env.defaultValue().isPresent());
    }

    private void logLoaded() {
        StringBuilder s = new StringBuilder("Loaded ").append(integrations.size()).append(" integration(s) from integrations.cai");
        if (!spec.config().name().isEmpty()) {
            s.append(" (").append(spec.config().name()).append(')');
        }
        for (ResolvedIntegration r : integrations.values()) {
            s.append("\n  ").append(r.name()).append(": ").append(r.model().kind().dslName()).append(", ")
                    .append(r.model().operations().size()).append(" operation(s), ")
                    .append(r.unconfigured().map(p -> "unconfigured (" + p + ")").orElse("ready"));
        }
        LOG.info(s.toString());
    }

    public Spec spec() {
        return spec;
    }

    /** {@code config.cache.prefix}: the start of every key this application keeps in Redis (empty without one). */
    public String cachePrefix() {
        return spec.config().cache().map(c -> c.prefix()).orElse("");
    }

    public List<ResolvedIntegration> all() {
        return List.copyOf(integrations.values());
    }

    public Optional<ResolvedIntegration> find(String name) {
        return Optional.ofNullable(integrations.get(name));
    }
}
