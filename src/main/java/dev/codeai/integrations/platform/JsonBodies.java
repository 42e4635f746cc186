package dev.codeai.integrations.platform;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;

/**
 * Reads a JSON request body. Whatever the parser refuses is a 400 {@link MalformedJson}: a syntax error with its
 * line and column, and also what Parsson reports as a bare {@code RuntimeException}, such as a body nested deeper
 * than {@link #MAX_DEPTH} levels, which would otherwise be a 500.
 */
public final class JsonBodies {

    /** Parsson's default {@code org.eclipse.parsson.maxDepth}. */
    static final int MAX_DEPTH = 1000;

    private JsonBodies() {
    }

    public static JsonValue read(InputStream body) {
        try (JsonReader reader = Jsons.PROVIDER.createReader(body)) {
            return reader.readValue();
        } catch (ApiProblem problem) {
            throw problem;
        } catch (JsonParsingException malformed) {
            throw new MalformedJson(malformed);
        } catch (RuntimeException unreadable) {
            throw new MalformedJson();
        }
    }
}
