package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;

/**
 * Which event types an endpoint's {@code events} entries match (DSL.md §5.6 "Matching"): an equal name
 * (case-sensitive), {@code *}, or {@code prefix.*} for every type that starts with {@code prefix.}.
 */
final class Subscriptions {

    private Subscriptions() {
    }

    static boolean matches(List<String> entries, String type) {
        for (String entry : entries) {
            if (entry.equals("*") || entry.equals(type)
                    || entry.endsWith(".*") && type.startsWith(entry.substring(0, entry.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The {@code events} column (a JSON array of strings) as a list. */
    static List<String> parse(String column) {
        try (var reader = Jsons.PROVIDER.createReader(new StringReader(column))) {
            JsonArray array = reader.readArray();
            return array.stream().filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                    .map(v -> ((JsonString) v).getString()).toList();
        }
    }

    static String format(List<String> entries) {
        var array = Jsons.PROVIDER.createArrayBuilder();
        entries.forEach(array::add);
        return array.build().toString();
    }
}
