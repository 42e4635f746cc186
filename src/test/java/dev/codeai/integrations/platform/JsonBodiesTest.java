package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every body the JSON parser refuses is a 400 MalformedJson, the deeply nested ones included. */
class JsonBodiesTest {

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAJsonValue() {
        assertThat(JsonBodies.read(body("{\"a\":[1,2]}")).asJsonObject().getJsonArray("a")).hasSize(2);
    }

    @Test
    void aSyntaxErrorIsMalformedJsonSayingWhere() {
        assertThatThrownBy(() -> JsonBodies.read(body("{\n \"a\": 1,,\n}"))).isInstanceOf(MalformedJson.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void aBodyNestedDeeperThanTheParserAllowsIsMalformedJsonNotAnInternalError() {
        String nested = "[".repeat(5000) + "]".repeat(5000);

        assertThatThrownBy(() -> JsonBodies.read(body(nested))).isInstanceOf(MalformedJson.class)
                .hasMessageContaining("nested deeper than 1000 levels");
    }
}
