package dev.codeai.integrations.dsl.model;

import java.util.List;
import java.util.Map;

/** The field types of DSL.md §5.2. */
public sealed interface FieldType {

    /** How the type is written in the DSL, for messages and summaries. */
    String describe();

    enum ScalarKind { STRING, TEXT, INTEGER, DECIMAL, BOOLEAN, JSON, TIMESTAMP, UUID, BINARY, VOID, DATE, TIME }

    record Scalar(ScalarKind kind) implements FieldType {
        public String describe() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Decimal(int precision, int scale) implements FieldType {
        public String describe() {
            return "decimal(" + precision + "," + scale + ")";
        }
    }

    record ListOf(FieldType element) implements FieldType {
        public String describe() {
            return "list(" + element.describe() + ")";
        }
    }

    record ObjectOf(Map<String, Field> fields) implements FieldType {
        public String describe() {
            return "{…}";
        }
    }

    record RefTo(String entity) implements FieldType {
        public String describe() {
            return "ref(" + entity + ")";
        }
    }

    record EnumOf(List<String> members) implements FieldType {
        public String describe() {
            return "enum(" + String.join(", ", members) + ")";
        }
    }

    record Paginated(String entity) implements FieldType {
        public String describe() {
            return "paginated(" + entity + ")";
        }
    }

    record EntityType(String entity) implements FieldType {
        public String describe() {
            return entity;
        }
    }
}
