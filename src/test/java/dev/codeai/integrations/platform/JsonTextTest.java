package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void writesAnObjectOfStringsThatAJsonParserReadsBackExactly() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Content-Type", "application/json");
        map.put("quote\"back\\slash", "line\nreturn\rtab\tbell\u0007 é 😀 </script>");
        map.put("empty", "");

        String json = JsonText.object(map);
        JsonObject read = Jsons.PROVIDER.createReader(new StringReader(json)).readObject();

        assertThat(json).startsWith("{\"Content-Type\":\"application/json\",").contains("\\u0007");
        assertThat(read.keySet()).containsExactlyElementsOf(map.keySet());
        map.forEach((name, value) -> assertThat(read.getString(name)).isEqualTo(value));
        assertThat(JsonText.object(Map.of())).isEqualTo("{}");
    }
}
