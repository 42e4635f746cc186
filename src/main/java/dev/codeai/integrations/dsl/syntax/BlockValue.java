package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.List;
import java.util.Optional;

/** {@code { key: value … }}; duplicate keys have already been reported and dropped by the parser. */
public record BlockValue(List<Property> properties, Position position) implements Value {

    public Optional<Property> get(String key) {
        return properties.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    @Override
    public String describe() {
        return "a block";
    }
}
