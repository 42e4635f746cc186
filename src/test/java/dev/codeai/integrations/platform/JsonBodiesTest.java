package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every body the JSON parser refuses is a 400 MalformedJson, the deeply nested ones included; a number no double
 * holds is a 400 naming its field.
 */
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

    @Test
    void aNumberBeyondADoubleIsRefusedNamingItsField() {
        assertThatThrownBy(() -> JsonBodies.read(body("{\"order\":{\"items\":[{\"price\":1},{\"price\":-1e999}]}}")))
                .isInstanceOfSatisfying(NumberOutOfRange.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.errors()).extracting(ApiProblem.FieldError::field)
                            .containsExactly("order.items[1].price");
                })
                .hasMessageStartingWith("Field order.items[1].price of the request body is -1E+999,");
        assertThatThrownBy(() -> JsonBodies.read(body("{\"body\":{\"x\":1e999}}")))
                .isInstanceOfSatisfying(NumberOutOfRange.class, problem -> assertThat(problem.errors())
                        .extracting(ApiProblem.FieldError::field).containsExactly("body.x"));
        assertThatThrownBy(() -> JsonBodies.read(body("[0,[1e999]]")))
                .isInstanceOfSatisfying(NumberOutOfRange.class, problem -> assertThat(problem.errors())
                        .extracting(ApiProblem.FieldError::field).containsExactly("body[1][0]"));
        assertThatThrownBy(() -> JsonBodies.read(body("1e99999999"))).isInstanceOf(NumberOutOfRange.class)
                .hasMessageStartingWith("The request body is 1E+99999999,");
    }

    @Test
    void largeAndPreciseNumbersWithinADoubleAreKept() {
        String text = "{\"big\":1.7e308,\"long\":123456789012345678901234567890,\"tiny\":1e-300}";

        assertThat(JsonBodies.read(body(text)).asJsonObject().getJsonNumber("long").bigIntegerValue())
                .hasToString("123456789012345678901234567890");
    }
}
