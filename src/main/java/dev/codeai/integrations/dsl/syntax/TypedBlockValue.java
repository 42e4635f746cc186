package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;

/** {@code postgres { … }} or {@code aws_signature_v4 { … }} after a key. */
public record TypedBlockValue(String type, BlockValue block, Position position) implements Value {

    @Override
    public String describe() {
        return "'" + type + " { … }'";
    }
}
