package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.List;

/** A top-level declaration of a file (DSL.md §3.1). Foreign blocks are skipped and leave no node. */
public sealed interface Declaration {

    Position position();

    /** How diagnostics name it: {@code integration GitHubAPI}. */
    String label();

    record Config(List<Property> properties, Position position) implements Declaration {
        public String label() {
            return "config";
        }
    }

    record Entity(String name, List<Property> members, Position position) implements Declaration {
        public String label() {
            return "entity " + name;
        }
    }

    record Integration(String name, List<Property> properties, List<Operation> operations, Position position)
            implements Declaration {
        public String label() {
            return "integration " + name;
        }
    }

    record Endpoint(String method, String path, Position pathPosition, List<Property> properties, Position position)
            implements Declaration {
        public String label() {
            return "endpoint " + method + " " + path;
        }
    }

    record Event(String name, List<Property> properties, Position position) implements Declaration {
        public String label() {
            return "event " + name;
        }
    }

    /** An operation inside an integration; not top-level but shaped the same way. */
    record Operation(String name, List<Property> properties, Position position) {
    }
}
