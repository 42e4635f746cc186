package dev.codeai.integrations.dsl.model;

import java.util.Map;

/** The fields of a {@code query}, {@code body}, {@code variables}, {@code path} or {@code payload} block, in order. */
public record ObjectSchema(Map<String, Field> fields) {

    public static final ObjectSchema EMPTY = new ObjectSchema(Map.of());

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
