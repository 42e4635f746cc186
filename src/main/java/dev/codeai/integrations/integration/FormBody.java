package dev.codeai.integrations.integration;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * A {@code body_type: form} body (application/x-www-form-urlencoded): scalars as {@code name=value}, lists and objects
 * in the bracket form that Stripe, Rails and PHP read, {@code payment_method_types[0]=card} and
 * {@code metadata[order_id]=42}, nested as deep as the value is; {@code null} as an empty value (Stripe's "unset").
 * Names and values percent-encoded (RFC 3986). Pure.
 */
final class FormBody {

    private FormBody() {
    }

    /** The body of {@code fields}, in their order. */
    static String of(Map<String, JsonValue> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> add(body, name, value));
        return body.toString();
    }

    private static void add(StringBuilder body, String name, JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> value.asJsonObject().forEach((key, member) -> add(body, name + "[" + key + "]", member));
            case ARRAY -> {
                List<JsonValue> items = value.asJsonArray();
                for (int i = 0; i < items.size(); i++) {
                    add(body, name + "[" + i + "]", items.get(i));
                }
            }
            default -> {
                if (body.length() > 0) {
                    body.append('&');
                }
                body.append(PercentEncoding.encode(name)).append('=').append(PercentEncoding.encode(text(value)));
            }
        }
    }

    private static String text(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NULL -> "";
            default -> value.toString();
        };
    }
}
