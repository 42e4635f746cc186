package dev.codeai.integrations.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads a JSON request body. Whatever the parser refuses is a 400 {@link MalformedJson}: a syntax error with its
 * line and column, and also what Parsson reports as a bare {@code RuntimeException}, such as a body nested deeper
 * than {@link #MAX_DEPTH} levels, which would otherwise be a 500. A number no 64-bit double can hold, such as
 * {@code 1e999}, is a 400 {@link NumberOutOfRange} naming its field (RFC 7493 §2.2): it has no canonical form for
 * cache keys and idempotency fingerprints, and most receivers would read it as infinity.
 */
public final class JsonBodies {

    /** Parsson's default {@code org.eclipse.parsson.maxDepth}. */
    static final int MAX_DEPTH = 1000;

    private JsonBodies() {
    }

    public static JsonValue read(InputStream body) {
        JsonValue value;
        try (JsonReader reader = Jsons.PROVIDER.createReader(body)) {
            value = reader.readValue();
        } catch (ApiProblem problem) {
            throw problem;
        } catch (JsonParsingException malformed) {
            throw new MalformedJson(malformed);
        } catch (RuntimeException unreadable) {
            throw new MalformedJson();
        }
        checkNumbers(value, "");
        return value;
    }

    /**
     * Throws {@link NumberOutOfRange} at the first number in {@code value} beyond a double's range, named like the
     * other field errors: {@code order.items[1].price}; {@code body} for the body itself.
     */
    private static void checkNumbers(JsonValue value, String path) {
        switch (value.getValueType()) {
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
                    checkNumbers(member.getValue(), path.isEmpty() ? member.getKey() : path + "." + member.getKey());
                }
            }
            case ARRAY -> {
                for (int i = 0; i < value.asJsonArray().size(); i++) {
                    checkNumbers(value.asJsonArray().get(i), (path.isEmpty() ? "body" : path) + "[" + i + "]");
                }
            }
            case NUMBER -> {
                if (!finite((JsonNumber) value)) {
                    throw new NumberOutOfRange(path.isEmpty() ? "body" : path, value.toString());
                }
            }
            default -> {
            }
        }
    }

    private static boolean finite(JsonNumber number) {
        try {
            return Double.isFinite(number.doubleValue());
        } catch (RuntimeException beyondParssonsScaleLimit) {
            return false;
        }
    }
}
