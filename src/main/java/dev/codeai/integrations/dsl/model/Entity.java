package dev.codeai.integrations.dsl.model;

import dev.codeai.integrations.dsl.Position;
import java.util.List;
import java.util.Map;

/** An {@code entity}: documentation of storage (DSL.md §5.7), checked and kept in the model. */
public record Entity(String name, String description, Map<String, Field> fields, List<Index> indexes,
                     Position position) {

    public record Index(List<String> fields, boolean unique) {
    }
}
