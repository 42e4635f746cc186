package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.List;

/** {@code name: type, modifier, modifier(value)}. */
public record FieldDecl(String name, TypeExpr type, List<Modifier> modifiers, Position position) {
}
