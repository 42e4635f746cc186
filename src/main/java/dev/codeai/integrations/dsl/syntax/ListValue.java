package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.List;

/** {@code [a, b, c]}. */
public record ListValue(List<Value> items, Position position) implements Value {

    @Override
    public String describe() {
        return "a list";
    }
}
