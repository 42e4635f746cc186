package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.model.FieldType.ScalarKind;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of the built-in tables (the versioned migrations) that the storage entities of DSL.md §5.7
 * document, by coarse kind. Storing a value more precisely is compatible.
 */
final class StorageModel {

    enum Kind {
        ID, TEXT, NUMBER, BOOLEAN, TIMESTAMP, JSON;

        boolean accepts(FieldType type) {
            return switch (this) {
                case ID -> type instanceof FieldType.RefTo || isScalar(type, ScalarKind.UUID, ScalarKind.STRING);
                case TEXT -> type instanceof FieldType.EnumOf || isScalar(type, ScalarKind.STRING, ScalarKind.TEXT,
                        ScalarKind.UUID);
                case NUMBER -> type instanceof FieldType.Decimal || isScalar(type, ScalarKind.INTEGER, ScalarKind.DECIMAL);
                case BOOLEAN -> isScalar(type, ScalarKind.BOOLEAN);
                case TIMESTAMP -> isScalar(type, ScalarKind.TIMESTAMP);
                case JSON -> type instanceof FieldType.ListOf || type instanceof FieldType.ObjectOf
                        || isScalar(type, ScalarKind.JSON, ScalarKind.TEXT, ScalarKind.STRING);
            };
        }

        String describe() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        private static boolean isScalar(FieldType type, ScalarKind... kinds) {
            if (type instanceof FieldType.Scalar s) {
                for (ScalarKind k : kinds) {
                    if (s.kind() == k) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final Map<String, Map<String, Kind>> TABLES = Map.of(
            "WebhookEndpoint", Map.ofEntries(Map.entry("id", Kind.ID), Map.entry("name", Kind.TEXT),
                    Map.entry("url", Kind.TEXT), Map.entry("secret", Kind.TEXT), Map.entry("events", Kind.JSON),
                    Map.entry("description", Kind.TEXT),
                    Map.entry("is_active", Kind.BOOLEAN), Map.entry("is_healthy", Kind.BOOLEAN),
                    Map.entry("consecutive_failures", Kind.NUMBER), Map.entry("retry_count", Kind.NUMBER),
                    Map.entry("timeout_seconds", Kind.NUMBER), Map.entry("last_delivery_at", Kind.TIMESTAMP),
                    Map.entry("last_failure_at", Kind.TIMESTAMP), Map.entry("created_at", Kind.TIMESTAMP),
                    Map.entry("updated_at", Kind.TIMESTAMP)),
            "WebhookDelivery", Map.ofEntries(Map.entry("id", Kind.ID), Map.entry("endpoint", Kind.ID),
                    Map.entry("endpoint_id", Kind.ID), Map.entry("event_id", Kind.TEXT), Map.entry("event_type", Kind.TEXT),
                    Map.entry("payload", Kind.JSON), Map.entry("status", Kind.TEXT), Map.entry("attempt_count", Kind.NUMBER),
                    Map.entry("max_attempts", Kind.NUMBER), Map.entry("next_retry_at", Kind.TIMESTAMP),
                    Map.entry("last_attempt_at", Kind.TIMESTAMP), Map.entry("response_status_code", Kind.NUMBER),
                    Map.entry("response_body", Kind.TEXT), Map.entry("error", Kind.TEXT),
                    Map.entry("duration_ms", Kind.NUMBER), Map.entry("created_at", Kind.TIMESTAMP),
                    Map.entry("updated_at", Kind.TIMESTAMP)),
            "ExternalApiCache", Map.of("id", Kind.ID, "service", Kind.TEXT, "endpoint", Kind.TEXT,
                    "cache_key", Kind.TEXT, "response", Kind.JSON, "status_code", Kind.NUMBER,
                    "content_type", Kind.TEXT, "expires_at", Kind.TIMESTAMP, "created_at", Kind.TIMESTAMP),
            "RateLimitBucket", Map.of("service", Kind.TEXT, "tokens", Kind.NUMBER, "last_refill", Kind.TIMESTAMP,
                    "window_start", Kind.TIMESTAMP, "requests", Kind.NUMBER, "window_seconds", Kind.NUMBER));

    private StorageModel() {
    }

    static Optional<Map<String, Kind>> columns(String entity) {
        return Optional.ofNullable(TABLES.get(entity));
    }
}
