package dev.codeai.integrations.dsl.model;

import java.util.Map;
import java.util.Optional;

/**
 * A value written literally or as {@code env(NAME[, default])} (DSL.md §5.9). It is resolved once at
 * start; {@link #toString()} never shows a literal, so secrets cannot leak through logs.
 */
public sealed interface SecretValue {

    /** The resolved text, or empty when the variable is unset (or empty) and has no default. */
    Optional<String> resolve(Map<String, String> environment);

    /** How the value is shown to users: {@code env(NAME)} or {@code "***"}; never the secret itself. */
    String redacted();

    record Literal(String text) implements SecretValue {
        public Optional<String> resolve(Map<String, String> environment) {
            return Optional.of(text);
        }

        public String redacted() {
            return "\"***\"";
        }

        @Override
        public String toString() {
            return "Literal[***]";
        }
    }

    record EnvVar(String name, Optional<String> defaultValue) implements SecretValue {
        public Optional<String> resolve(Map<String, String> environment) {
            String value = environment.get(name);
            return value == null || value.isEmpty() ? defaultValue : Optional.of(value);
        }

        public String redacted() {
            return "env(" + name + ")";
        }

        @Override
        public String toString() {
            return "EnvVar[" + name + (defaultValue.isPresent() ? ", default ***" : "") + "]";
        }
    }
}
