package dev.codeai.integrations.platform;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.util.List;

/** 400: the request body is not well-formed JSON; says where the parser stopped. */
final class MalformedJson extends ApiProblem {

    private static final long serialVersionUID = 1L;
    private final transient JsonLocation location;

    MalformedJson(JsonParsingException cause) {
        super(400, "Malformed JSON", "The request body is not valid JSON" + where(cause.getLocation()) + ".");
        this.location = cause.getLocation();
    }

    /** A body the parser gave up on without a position, e.g. one nested deeper than it allows. */
    MalformedJson() {
        super(400, "Malformed JSON", "The request body is not valid JSON, or nested deeper than "
                + JsonBodies.MAX_DEPTH + " levels.");
        this.location = null;
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNumber() < 0) {
            return "";
        }
        return " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
    }

    @Override
    public List<FieldError> errors() {
        return List.of(new FieldError("body", "not valid JSON" + where(location)));
    }
}
