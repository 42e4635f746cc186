package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cache keys follow DSL.md §5.5: prefix, integration, operation, SHA-256 of the JCS form of the arguments. */
class CacheKeysTest {

    @Test
    void isThePrefixNamesAndTheHashOfTheCanonicalArguments() throws Exception {
        Map<String, JsonValue> arguments = new LinkedHashMap<>();
        arguments.put("units", Json.createValue("metric"));
        arguments.put("q", Json.createValue("London"));

        String key = CacheKeys.key("codeai:", "WeatherAPI", "get_current", arguments);

        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("{\"q\":\"London\",\"units\":\"metric\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(key).isEqualTo("codeai:WeatherAPI:get_current:" + hash);
    }

    @Test
    void differsWhenAnArgumentDiffersAndNotWhenOnlyTheOrderDoes() {
        Map<String, JsonValue> a = new LinkedHashMap<>();
        a.put("q", Json.createValue("London"));
        a.put("days", Json.createValue(3));
        Map<String, JsonValue> b = new LinkedHashMap<>();
        b.put("days", Json.createValue(3));
        b.put("q", Json.createValue("London"));
        Map<String, JsonValue> c = Map.of("q", Json.createValue("Paris"), "days", Json.createValue(3));

        assertThat(CacheKeys.key("", "W", "f", a)).isEqualTo(CacheKeys.key("", "W", "f", b))
                .isNotEqualTo(CacheKeys.key("", "W", "f", c)).isNotEqualTo(CacheKeys.key("", "W", "g", a));
    }

    @Test
    void sixtyFourBitIdsAboveTwoToTheFiftyThirdHaveKeysOfTheirOwn() {
        Map<String, JsonValue> user = Map.of("id", Json.createValue(9007199254740993L));
        Map<String, JsonValue> neighbour = Map.of("id", Json.createValue(9007199254740992L));

        assertThat(CacheKeys.key("", "Users", "get_user", user)).isNotEqualTo(CacheKeys.key("", "Users", "get_user", neighbour));
    }
}
