package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Form bodies carry lists and objects the way Stripe reads them, and everything else as plain pairs. */
class FormBodyTest {

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void listsAndObjectsUseBracketsAsStripeExpects() {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        fields.put("amount", json("100"));
        fields.put("currency", Json.createValue("usd"));
        fields.put("payment_method_types", json("[\"card\",\"sepa_debit\"]"));
        fields.put("metadata", json("{\"order_id\":\"42\",\"lines\":[{\"sku\":\"a b\"}]}"));

        assertThat(FormBody.of(fields)).isEqualTo("amount=100&currency=usd"
                + "&payment_method_types%5B0%5D=card&payment_method_types%5B1%5D=sepa_debit"
                + "&metadata%5Border_id%5D=42&metadata%5Blines%5D%5B0%5D%5Bsku%5D=a%20b");
    }

    @Test
    void nullIsAnEmptyValueAndEmptyListsOrObjectsSendNothing() {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        fields.put("description", JsonValue.NULL);
        fields.put("expand", json("[]"));
        fields.put("metadata", json("{}"));
        fields.put("capture", JsonValue.TRUE);

        assertThat(FormBody.of(fields)).isEqualTo("description=&capture=true");
    }
}
