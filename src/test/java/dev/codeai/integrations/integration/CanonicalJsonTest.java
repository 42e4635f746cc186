package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * RFC 8785 (JCS) output, with the RFC's own examples (§3.2.2, §3.2.3 and Appendix B); numbers that no double holds
 * as written stay exact.
 */
class CanonicalJsonTest {

    @Test
    void sortsMembersByUtf16CodeUnitsAndDropsWhitespace() {
        String input = "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"\\r\": \"Carriage Return\",\n  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
                + "  \"1\": \"One\",\n  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n  \"\\u0080\": \"Control\",\n"
                + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n}";

        String canonical = CanonicalJson.of(Json.createReader(new StringReader(input)).readValue());

        assertThat(canonical).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapesOnlyWhatJsonRequires() {
        String input = "{\"s\":\"\\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\"a\":[56,{\"d\":true,\"10\":null,\"1\":[]}]}";

        String canonical = CanonicalJson.of(Json.createReader(new StringReader(input)).readValue());

        assertThat(canonical).isEqualTo("{\"a\":[56,{\"1\":[],\"10\":null,\"d\":true}],\"s\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void printsNumbersAsEcmascriptDoes() {
        assertThat(CanonicalJson.number(0.0)).isEqualTo("0");
        assertThat(CanonicalJson.number(-0.0)).isEqualTo("0");
        assertThat(CanonicalJson.number(1)).isEqualTo("1");
        assertThat(CanonicalJson.number(-1.5)).isEqualTo("-1.5");
        assertThat(CanonicalJson.number(4.50)).isEqualTo("4.5");
        assertThat(CanonicalJson.number(2e-3)).isEqualTo("0.002");
        assertThat(CanonicalJson.number(0.000001)).isEqualTo("0.000001");
        assertThat(CanonicalJson.number(1e-7)).isEqualTo("1e-7");
        assertThat(CanonicalJson.number(1e21)).isEqualTo("1e+21");
        assertThat(CanonicalJson.number(1e30)).isEqualTo("1e+30");
        assertThat(CanonicalJson.number(123456789012345680000.0)).isEqualTo("123456789012345680000");
        assertThat(CanonicalJson.number(9007199254740992.0)).isEqualTo("9007199254740992");
        assertThat(CanonicalJson.number(333333333.33333329)).isEqualTo("333333333.3333333");
        assertThat(CanonicalJson.number(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(CanonicalJson.number(Double.MIN_VALUE)).isEqualTo("5e-324");
    }

    @Test
    void everyPrintedNumberReadsBackAsTheSameDouble() {
        java.util.Random random = new java.util.Random(8785);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                assertThat(Double.parseDouble(CanonicalJson.number(d))).as("bits %x", Double.doubleToLongBits(d))
                        .isEqualTo(d == 0 ? 0.0 : d);
            }
        }
        assertThat(CanonicalJson.number(0.1)).isEqualTo("0.1");
        assertThat(CanonicalJson.number(1e23)).isEqualTo("1e+23");
        assertThat(CanonicalJson.number(2.0E-7)).isEqualTo("2e-7");
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> CanonicalJson.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameArgumentsInAnotherOrderGiveTheSameText() {
        var a = Json.createObjectBuilder().add("q", "London").add("units", "metric").add("n", 2).build();
        var b = Json.createObjectBuilder().add("n", 2.0).add("units", "metric").add("q", "London").build();

        assertThat(CanonicalJson.of(a)).isEqualTo(CanonicalJson.of(b)).isEqualTo("{\"n\":2,\"q\":\"London\",\"units\":\"metric\"}");
    }

    @Test
    void numbersNoDoubleHoldsAsWrittenStayExactAndDistinct() {
        assertThat(CanonicalJson.of(parse("[9007199254740993,9007199254740992,9223372036854775807,-9223372036854775808]")))
                .isEqualTo("[9007199254740993,9007199254740992,9223372036854775807,-9223372036854775808]");
        assertThat(CanonicalJson.of(parse("[0.10000000000000000001,0.1,123456789012345678901,123456789012345680000]")))
                .isEqualTo("[0.10000000000000000001,0.1,123456789012345678901,123456789012345680000]");
        assertThat(CanonicalJson.of(parse("[1e-400,1.50e400,-0,2.000]"))).isEqualTo("[1E-400,1.5E+400,0,2]");
    }

    @Test
    void theSameValueWrittenAnotherWayGivesTheSameText() {
        assertThat(CanonicalJson.of(parse("[9007199254740993.000,90071992547409930e-1,1E2,100.0,0.50]")))
                .isEqualTo("[9007199254740993,9007199254740993,100,100,0.5]");
    }

    private static jakarta.json.JsonValue parse(String json) {
        return Json.createReader(new StringReader(json)).readValue();
    }
}
