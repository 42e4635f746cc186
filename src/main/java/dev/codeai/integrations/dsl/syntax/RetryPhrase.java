package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;

/** {@code N times [with strategy]}; {@code strategy} is empty when not written. */
public record RetryPhrase(long count, String strategy, Position strategyPosition, Position position) implements Value {

    @Override
    public String describe() {
        return "'" + count + " times'";
    }
}
