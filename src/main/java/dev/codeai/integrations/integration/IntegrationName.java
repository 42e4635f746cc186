package dev.codeai.integrations.integration;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Qualifies a generated integration bean by its DSL name: {@code @Inject @IntegrationName("GitHubAPI") IntegrationBean}. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface IntegrationName {

    String value();

    /** For programmatic lookup with {@code Instance.select(...)}. */
    final class Literal extends AnnotationLiteral<IntegrationName> implements IntegrationName {
        private static final long serialVersionUID = 1L;
        private final String value;

        public Literal(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }
}
