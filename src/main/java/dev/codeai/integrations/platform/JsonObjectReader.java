package dev.codeai.integrations.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Reads {@code JsonObject} request bodies through {@link JsonBodies}, in place of the runtime's JSON-P reader, which
 * turned a deeply nested body into a 500: malformed JSON is a 400 problem saying where, and JSON that is not an
 * object a 400 naming the body.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class JsonObjectReader implements MessageBodyReader<JsonObject> {

    /** 400: the body is JSON, but not the object the route takes. */
    static final class NotAnObject extends ApiProblem {
        private static final long serialVersionUID = 1L;

        NotAnObject() {
            super(400, "Invalid body", "The request body must be a JSON object.");
        }

        @Override
        public List<FieldError> errors() {
            return List.of(new FieldError("body", "must be a JSON object"));
        }
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                               MultivaluedMap<String, String> headers, InputStream body) {
        JsonValue value = JsonBodies.read(body);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new NotAnObject();
        }
        return value.asJsonObject();
    }
}
