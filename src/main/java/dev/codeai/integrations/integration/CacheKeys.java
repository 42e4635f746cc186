package dev.codeai.integrations.integration;

import dev.codeai.integrations.platform.Jsons;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The response-cache key of DSL.md §5.5: {@code <cache.prefix><integration>:<operation>:<sha256 hex of the
 * RFC 8785 canonical JSON of the arguments>}, arguments taken after defaults are applied. Auth never is an
 * argument, so it never reaches the key.
 */
public final class CacheKeys {

    private CacheKeys() {
    }

    /** What every key of the integration starts with. */
    public static String integrationPrefix(String prefix, String integration) {
        return prefix + integration + ":";
    }

    public static String key(String prefix, String integration, String operation, Map<String, JsonValue> arguments) {
        JsonObjectBuilder object = Jsons.PROVIDER.createObjectBuilder();
        arguments.forEach(object::add);
        byte[] canonical = CanonicalJson.of(object.build()).getBytes(StandardCharsets.UTF_8);
        return integrationPrefix(prefix, integration) + operation + ":" + Sha256.hex(canonical);
    }
}
