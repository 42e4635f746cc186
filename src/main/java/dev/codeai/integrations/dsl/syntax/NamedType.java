package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.List;

/** {@code string}, {@code list(T)}, {@code enum(a, "b")}, {@code decimal(10,2)}; args are type expressions or scalars. */
public record NamedType(String name, List<Value> args, boolean called, Position position) implements TypeExpr {

    @Override
    public String describe() {
        return "type '" + name + "'";
    }
}
