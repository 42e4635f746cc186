package dev.codeai.integrations.dsl.model;

import java.util.Optional;

/** How an integration authenticates (DSL.md §5.4). */
public sealed interface Auth {

    /** The kind as shown in summaries and status: none, bearer, api_key, basic, aws_signature_v4. */
    String kind();

    /** Every secret value the auth uses. */
    default java.util.List<SecretValue> secrets() {
        if (this instanceof Bearer b) {
            return java.util.List.of(b.token());
        }
        if (this instanceof ApiKey k) {
            return java.util.List.of(k.key());
        }
        if (this instanceof Basic b) {
            return java.util.List.of(b.user(), b.password());
        }
        if (this instanceof AwsSigV4 a) {
            java.util.List<SecretValue> all = new java.util.ArrayList<>(
                    java.util.List.of(a.accessKey(), a.secretKey(), a.region(), a.service()));
            a.sessionToken().ifPresent(all::add);
            return all;
        }
        return java.util.List.of();
    }

    record None() implements Auth {
        public String kind() {
            return "none";
        }
    }

    record Bearer(SecretValue token) implements Auth {
        public String kind() {
            return "bearer";
        }
    }

    record ApiKey(SecretValue key, String name, Placement placement) implements Auth {
        public enum Placement { HEADER, QUERY }

        public String kind() {
            return "api_key";
        }
    }

    record Basic(SecretValue user, SecretValue password) implements Auth {
        public String kind() {
            return "basic";
        }
    }

    record AwsSigV4(SecretValue accessKey, SecretValue secretKey, SecretValue region, SecretValue service,
                    Optional<SecretValue> sessionToken) implements Auth {
        public String kind() {
            return "aws_signature_v4";
        }
    }
}
