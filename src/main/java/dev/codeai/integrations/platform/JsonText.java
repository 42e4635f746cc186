package dev.codeai.integrations.platform;

import java.util.Map;

/**
 * JSON text written by hand where no JSON-P provider is wanted: on hot paths that only record text, and in
 * {@code ./codeai token}, which runs on the plain JDK without the container's JSON-P classes.
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * {@code map} as a JSON object of strings, written directly: for hot paths that only record text (building it
     * through {@link Jsons#PROVIDER} costs an object builder, a generator and a buffer pool for each one).
     */
    public static String object(Map<String, String> map) {
        StringBuilder json = new StringBuilder(64 + 64 * map.size()).append('{');
        map.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, name).append(':');
            string(json, value);
        });
        return json.append('}').toString();
    }

    /**
     * Appends {@code text} as a JSON string with the escapes of ECMAScript's JSON.stringify (RFC 8785 §3.2.2.2):
     * quote, backslash, b, f, n, r and t after a backslash, other control characters as a six-character backslash-u
     * escape, everything else as it is.
     */
    public static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
