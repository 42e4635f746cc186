package dev.codeai.integrations.dsl.model;

import dev.codeai.integrations.dsl.Position;
import java.util.Optional;
import java.util.Set;

/**
 * A field of an entity, schema or payload. {@code defaultValue} is a JSON-shaped Java value (String,
 * Long, BigDecimal, Boolean, List, Map) already checked against the type.
 */
public record Field(String name, FieldType type, Set<Modifier> modifiers, Optional<Object> defaultValue,
                    Set<String> otherModifiers, Position position) {

    /** The modifiers of DSL.md §5.3 that the runtime understands. */
    public enum Modifier { REQUIRED, OPTIONAL, PRIMARY, AUTO, AUTO_UPDATE, UNIQUE }

    public boolean required() {
        return modifiers.contains(Modifier.REQUIRED) || modifiers.contains(Modifier.PRIMARY);
    }

    public boolean has(Modifier modifier) {
        return modifiers.contains(modifier);
    }
}
