package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;

/** The rest of a line, kept verbatim, for unknown properties and {@code trigger: when …}. */
public record LooseValue(String text, Position position) implements Value {

    @Override
    public String describe() {
        return "'" + text + "'";
    }
}
