package dev.codeai.integrations.integration;

import dev.codeai.integrations.codegen.ClassNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The timeout and retry count a generated bean really runs with: the DSL's values unless the standard
 * MicroProfile Fault Tolerance keys ({@code <bean class>/call/Timeout/value}, {@code …/Retry/maxRetries})
 * override them at deploy time.
 */
@ApplicationScoped
public class DeployedPolicies {

    @Inject
    Config config;

    public long timeoutMillis(ResolvedIntegration integration) {
        return config.getOptionalValue(key(integration, "Timeout/value"), Long.class)
                .orElse(integration.model().timeout().toMillis());
    }

    public int maxRetries(ResolvedIntegration integration) {
        return config.getOptionalValue(key(integration, "Retry/maxRetries"), Integer.class)
                .orElse(integration.model().retry().maxRetries());
    }

    private static String key(ResolvedIntegration integration, String annotationKey) {
        return ClassNames.qualified(integration.name()) + "/call/" + annotationKey;
    }
}
