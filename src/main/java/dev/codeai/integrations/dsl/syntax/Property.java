package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;

/** {@code key: value} (or a nested block) inside a block; {@code position} is the key's. */
public record Property(String key, Value value, Position position) {
}
