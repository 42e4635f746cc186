package dev.codeai.integrations.dsl.model;

import java.util.Locale;

/** {@code type:} of an integration. */
public enum IntegrationKind {
    REST, GRAPHQL, WEBHOOK;

    public String dslName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
