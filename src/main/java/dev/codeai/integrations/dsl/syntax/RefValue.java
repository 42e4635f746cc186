package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.List;

/** A dotted reference such as {@code endpoint.secret}. */
public record RefValue(List<String> parts, Position position) implements Value {

    public String dotted() {
        return String.join(".", parts);
    }

    @Override
    public String describe() {
        return "reference '" + dotted() + "'";
    }
}
