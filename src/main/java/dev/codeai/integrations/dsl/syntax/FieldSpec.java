package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;

/** An entity field as a property value: the field declaration itself. */
public record FieldSpec(FieldDecl field, Position position) implements Value {

    @Override
    public String describe() {
        return "a field";
    }
}
