package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.Optional;

/** {@code required}, {@code default(v)}, …. */
public record Modifier(String name, Optional<Value> argument, Position position) {
}
