package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.codeai.integrations.dsl.Loader;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.platform.ApiProblem;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A binary upload's query arguments are read as their declared types; what does not fit is refused, not a 500; integer
 * arguments are 64-bit.
 */
class ArgumentsTest {

    private static final Operation UPLOAD = Loader.load("t.cai", """
            integration Prints {
                type: rest
                base_url: "https://prints.example.com"
                timeout: 20s

                operation submit {
                    method: POST
                    body_type: binary
                    path: "/jobs/{bucket}/{key}"
                    query {
                        ratio: decimal
                        price: decimal(10,2)
                        copies: integer
                    }
                }
            }
            """).spec().orElseThrow().integrations().get("Prints").operations().get("submit");

    private static JsonObject query(Map<String, List<String>> parameters) {
        return Arguments.fromQuery(UPLOAD, parameters, Optional.empty());
    }

    @Test
    void numbersAreReadAsTheirDeclaredTypes() {
        JsonObject arguments = query(Map.of("ratio", List.of("0.25"), "price", List.of("19.99"), "copies", List.of("3")));

        assertThat(arguments.getJsonNumber("ratio").bigDecimalValue()).isEqualByComparingTo(new BigDecimal("0.25"));
        assertThat(arguments.getJsonNumber("price").bigDecimalValue()).isEqualByComparingTo(new BigDecimal("19.99"));
        assertThat(arguments.getJsonNumber("copies").longValue()).isEqualTo(3);
        assertThat(CanonicalJson.of(arguments)).isEqualTo("{\"copies\":3,\"price\":19.99,\"ratio\":0.25}");
    }

    @Test
    void aNumberBeyondADoubleStaysTextAndIsRefusedByName() {
        JsonObject arguments = query(Map.of("ratio", List.of("1e999"), "price", List.of("-1e400")));

        assertThat(CanonicalJson.of(arguments)).isEqualTo("{\"price\":\"-1e400\",\"ratio\":\"1e999\"}");
        assertThatThrownBy(() -> Arguments.bind(UPLOAD, arguments))
                .isInstanceOfSatisfying(IntegrationProblems.InvalidArguments.class, problem -> assertThat(problem.errors())
                        .extracting(ApiProblem.FieldError::field, ApiProblem.FieldError::message)
                        .contains(tuple("ratio", "must be a number"), tuple("price", "must be a number")));
    }

    @Test
    void anIntegerArgumentIsSixtyFourBit() {
        JsonObject body = jakarta.json.Json.createObjectBuilder().add("bucket", "b").add("key", "k")
                .add("copies", new BigDecimal("9223372036854775808")).build();

        assertThatThrownBy(() -> Arguments.bind(UPLOAD, body))
                .isInstanceOfSatisfying(IntegrationProblems.InvalidArguments.class, problem -> assertThat(problem.errors())
                        .extracting(ApiProblem.FieldError::field, ApiProblem.FieldError::message)
                        .containsExactly(tuple("copies", "must be an integer from -9223372036854775808 to 9223372036854775807")));
        JsonObject largest = jakarta.json.Json.createObjectBuilder().add("bucket", "b").add("key", "k")
                .add("copies", Long.MAX_VALUE).build();
        assertThat(Arguments.bind(UPLOAD, largest).get("copies")).hasToString(String.valueOf(Long.MAX_VALUE));
    }
}
