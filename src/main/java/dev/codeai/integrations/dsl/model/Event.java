package dev.codeai.integrations.dsl.model;

import dev.codeai.integrations.dsl.Position;
import java.util.List;
import java.util.Optional;

/** An {@code event} with its payload schema and {@code publish_to} targets (DSL.md §5.8). */
public record Event(String name, String description, ObjectSchema payload, List<Target> publishTo,
                    Optional<String> trigger, Position position) {

    public record Target(Kind kind, String argument) {
        public enum Kind { SLACK, WEBHOOK, KAFKA }
    }
}
