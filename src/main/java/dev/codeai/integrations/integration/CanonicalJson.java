package dev.codeai.integrations.integration;

import dev.codeai.integrations.platform.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), as the response-cache key rule of DSL.md §5.5 requires:
 * object members sorted by their names' UTF-16 code units, no whitespace, strings with only the mandatory
 * escapes, numbers as ECMAScript prints a double (integers plainly up to 1e21, then exponent form).
 * JCS is defined for I-JSON, whose numbers are doubles; a number that no double holds exactly as written, such as a
 * 64-bit id above 2^53 (DSL integers have 64-bit range) or a decimal with more than 17 significant digits, is written
 * exactly instead ({@link #number(JsonNumber)}), so two arguments that differ only there never share a cache key
 * or an idempotency fingerprint. Pure and thread-safe.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String of(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> writeObject(value.asJsonObject(), out);
            case ARRAY -> writeArray(value.asJsonArray(), out);
            case STRING -> writeString(((JsonString) value).getString(), out);
            case NUMBER -> out.append(number((JsonNumber) value));
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
        }
    }

    private static void writeObject(JsonObject object, StringBuilder out) {
        List<String> names = new ArrayList<>(object.keySet());
        names.sort(String::compareTo); // String order is UTF-16 code unit order, as JCS requires
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(names.get(i), out);
            out.append(':');
            write(object.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static void writeArray(JsonArray array, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(array.get(i), out);
        }
        out.append(']');
    }

    private static void writeString(String text, StringBuilder out) {
        JsonText.string(out, text);
    }

    /**
     * JCS's form of {@code number} when it is the double it reads as, which holds for every number a double can hold
     * as written (and so for all of I-JSON); otherwise its exact value without trailing zeros (BigDecimal's form,
     * e.g. {@code 9007199254740993} or {@code 1.00000000000000000001}), which no other value has.
     */
    static String number(JsonNumber number) {
        BigDecimal exact = number.bigDecimalValue();
        double d = exact.doubleValue();
        if (Double.isFinite(d)) {
            String jcs = number(d);
            if (new BigDecimal(jcs).compareTo(exact) == 0) {
                return jcs;
            }
        }
        BigDecimal stripped = exact.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toString();
    }

    /** ECMAScript's Number.prototype.toString of {@code d} (ECMA-262 §6.1.6.1.20), for finite values. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no " + d);
        }
        if (d == 0) {
            return "0"; // also -0
        }
        BigDecimal shortest = shortest(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // the decimal point sits after n digits
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 > 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return out.toString();
    }

    /** The fewest significant digits that read back as {@code d}, the nearest such (Double.toString of Java 17 is not). */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                return rounded.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
