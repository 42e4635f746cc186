package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.List;

/** {@code { field: type, modifiers … }}. */
public record ObjectType(List<FieldDecl> fields, Position position) implements TypeExpr {

    @Override
    public String describe() {
        return "an object type";
    }
}
