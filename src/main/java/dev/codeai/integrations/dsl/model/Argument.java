package dev.codeai.integrations.dsl.model;

import java.util.Optional;

/** One argument of an operation (DSL.md §5.5, "Arguments") and where it goes. */
public record Argument(String name, FieldType type, boolean required, Optional<Object> defaultValue, Source source) {

    public enum Source { PATH, HEADER, QUERY, BODY, VARIABLE, INTERNAL }
}
