package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.List;

/** {@code index: [a, b] unique}; each name keeps its position. */
public record IndexSpec(List<Scalar> fields, boolean unique, Position position) implements Value {

    @Override
    public String describe() {
        return "an index";
    }
}
