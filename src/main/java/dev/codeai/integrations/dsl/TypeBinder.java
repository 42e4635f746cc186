package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Field;
import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.model.FieldType.ScalarKind;
import dev.codeai.integrations.dsl.model.ObjectSchema;
import dev.codeai.integrations.dsl.syntax.FieldDecl;
import dev.codeai.integrations.dsl.syntax.Modifier;
import dev.codeai.integrations.dsl.syntax.NamedType;
import dev.codeai.integrations.dsl.syntax.ObjectType;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.TypeExpr;
import dev.codeai.integrations.dsl.syntax.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Resolves type expressions and field modifiers (DSL.md §5.2–5.3) against the file's entities. */
final class TypeBinder {

    private static final Set<String> SCALARS = Set.of("string", "text", "integer", "decimal", "boolean", "json",
            "timestamp", "uuid", "binary", "void", "date", "time");
    private static final Set<String> KNOWN_EXT_MODIFIERS = Set.of("searchable", "soft_delete", "indexed", "hidden",
            "readonly", "sensitive");

    private final Diagnostics diagnostics;
    private final Values values;
    private final Set<String> entities;

    TypeBinder(Values values, Set<String> entities) {
        this.diagnostics = values.diagnostics();
        this.values = values;
        this.entities = entities;
    }

    ObjectSchema schema(Value value) {
        if (value instanceof ObjectType o) {
            return new ObjectSchema(fields(o.fields(), false));
        }
        diagnostics.error("invalid-value", value.position(), "expected a schema '{ … }' but found " + value.describe());
        return ObjectSchema.EMPTY;
    }

    Map<String, Field> fields(List<FieldDecl> decls, boolean inReturns) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (FieldDecl decl : decls) {
            field(decl, inReturns).ifPresent(f -> fields.put(f.name(), f));
        }
        return fields;
    }

    Optional<Field> field(FieldDecl decl, boolean inReturns) {
        Optional<FieldType> type = type(decl.type(), inReturns);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Set<Field.Modifier> modifiers = EnumSet.noneOf(Field.Modifier.class);
        Set<String> other = new LinkedHashSet<>();
        Optional<Object> defaultValue = Optional.empty();
        for (Modifier m : decl.modifiers()) {
            if (m.name().equals("default")) {
                defaultValue = m.argument().flatMap(arg -> defaultOf(arg, type.get(), decl.name()));
                if (m.argument().isEmpty()) {
                    diagnostics.error("invalid-default", m.position(), "default needs a value: default(v)");
                }
                continue;
            }
            Optional<Field.Modifier> known = modifier(m.name());
            if (known.isPresent()) {
                modifiers.add(known.get());
            } else {
                other.add(m.name());
                if (!KNOWN_EXT_MODIFIERS.contains(m.name())) {
                    diagnostics.warning("unknown-modifier", m.position(), "unknown modifier '" + m.name() + "' on field '"
                            + decl.name() + "'" + Names.didYouMean(m.name(), List.of("required", "optional", "default",
                            "primary", "auto", "auto_update", "unique")));
                }
            }
        }
        conflicts(decl, type.get(), modifiers, defaultValue.isPresent());
        return Optional.of(new Field(decl.name(), type.get(), Set.copyOf(modifiers), defaultValue, Set.copyOf(other),
                decl.position()));
    }

    private static Optional<Field.Modifier> modifier(String name) {
        return switch (name) {
            case "required", "optional", "primary", "auto", "auto_update", "unique" ->
                    Optional.of(Field.Modifier.valueOf(name.toUpperCase(Locale.ROOT)));
            default -> Optional.empty();
        };
    }

    private void conflicts(FieldDecl decl, FieldType type, Set<Field.Modifier> modifiers, boolean hasDefault) {
        if (modifiers.contains(Field.Modifier.REQUIRED) && modifiers.contains(Field.Modifier.OPTIONAL)) {
            diagnostics.warning("conflicting-modifiers", decl.position(), "field '" + decl.name()
                    + "' is both required and optional");
        }
        if (modifiers.contains(Field.Modifier.REQUIRED) && hasDefault) {
            diagnostics.warning("conflicting-modifiers", decl.position(), "field '" + decl.name()
                    + "' is required but has a default, which makes it optional");
        }
        boolean autoType = type instanceof FieldType.Scalar s && (s.kind() == ScalarKind.UUID || s.kind() == ScalarKind.TIMESTAMP);
        if (modifiers.contains(Field.Modifier.AUTO) && !autoType) {
            diagnostics.warning("conflicting-modifiers", decl.position(), "'auto' only fills uuid and timestamp fields, not '"
                    + decl.name() + "' of type " + type.describe());
        }
        boolean timestamp = type instanceof FieldType.Scalar s && s.kind() == ScalarKind.TIMESTAMP;
        if (modifiers.contains(Field.Modifier.AUTO_UPDATE) && !timestamp) {
            diagnostics.warning("conflicting-modifiers", decl.position(), "'auto_update' only applies to timestamp fields");
        }
    }

    Optional<FieldType> type(TypeExpr expr, boolean inReturns) {
        if (expr instanceof ObjectType o) {
            return Optional.of(new FieldType.ObjectOf(fields(o.fields(), inReturns)));
        }
        NamedType n = (NamedType) expr;
        if (!n.called()) {
            if (SCALARS.contains(n.name())) {
                return Optional.of(new FieldType.Scalar(ScalarKind.valueOf(n.name().toUpperCase(Locale.ROOT))));
            }
            if (entities.contains(n.name())) {
                return Optional.of(new FieldType.EntityType(n.name()));
            }
            List<String> known = new ArrayList<>(SCALARS);
            known.addAll(entities);
            diagnostics.error("unknown-type", n.position(), "unknown type '" + n.name() + "'"
                    + Names.didYouMean(n.name(), known));
            return Optional.empty();
        }
        return switch (n.name()) {
            case "list" -> single(n).flatMap(arg -> arg instanceof TypeExpr t ? type(t, inReturns) : badArg(n))
                    .map(FieldType.ListOf::new);
            case "ref" -> entityArg(n).map(FieldType.RefTo::new);
            case "paginated" -> {
                if (!inReturns) {
                    diagnostics.error("invalid-type-argument", n.position(), "paginated(…) is only allowed in 'returns'");
                    yield Optional.empty();
                }
                yield entityArg(n).map(FieldType.Paginated::new);
            }
            case "enum" -> enumType(n);
            case "decimal" -> decimal(n);
            default -> {
                diagnostics.error("unknown-type", n.position(), "unknown type '" + n.name() + "(…)'"
                        + Names.didYouMean(n.name(), List.of("list", "ref", "enum", "paginated", "decimal")));
                yield Optional.empty();
            }
        };
    }

    private Optional<Value> single(NamedType n) {
        if (n.args().size() != 1) {
            diagnostics.error("invalid-type-argument", n.position(), n.name() + "(…) takes exactly one argument");
            return Optional.empty();
        }
        return Optional.of(n.args().get(0));
    }

    private <T> Optional<T> badArg(NamedType n) {
        diagnostics.error("invalid-type-argument", n.position(), "expected a type inside " + n.name() + "(…)");
        return Optional.empty();
    }

    private Optional<String> entityArg(NamedType n) {
        Optional<Value> arg = single(n);
        if (arg.isEmpty()) {
            return Optional.empty();
        }
        if (arg.get() instanceof NamedType t && !t.called() && entities.contains(t.name())) {
            return Optional.of(t.name());
        }
        diagnostics.error("invalid-type-argument", arg.get().position(), n.name() + "(…) needs an entity name but found "
                + arg.get().describe() + Names.didYouMean(arg.get() instanceof NamedType t ? t.name() : "", entities));
        return Optional.empty();
    }

    private Optional<FieldType> enumType(NamedType n) {
        List<String> members = new ArrayList<>();
        for (Value arg : n.args()) {
            if (arg instanceof NamedType t && !t.called()) {
                members.add(t.name());
            } else if (arg instanceof Scalar s && s.kind() == TokenKind.STRING) {
                members.add((String) s.value());
            } else {
                diagnostics.error("invalid-type-argument", arg.position(), "enum members are names or strings, not "
                        + arg.describe());
                return Optional.empty();
            }
        }
        if (members.isEmpty()) {
            diagnostics.error("invalid-type-argument", n.position(), "enum(…) needs at least one member");
            return Optional.empty();
        }
        return Optional.of(new FieldType.EnumOf(List.copyOf(members)));
    }

    private Optional<FieldType> decimal(NamedType n) {
        if (n.args().size() == 2 && n.args().get(0) instanceof Scalar p && p.kind() == TokenKind.INT
                && n.args().get(1) instanceof Scalar s && s.kind() == TokenKind.INT
                && (Long) p.value() > 0 && (Long) s.value() >= 0 && (Long) s.value() <= (Long) p.value()) {
            return Optional.of(new FieldType.Decimal(((Long) p.value()).intValue(), ((Long) s.value()).intValue()));
        }
        diagnostics.error("invalid-type-argument", n.position(), "decimal(…) takes a precision and a scale: decimal(10,2)");
        return Optional.empty();
    }

    /** A default value checked against the field type (§5.3, §6 item 21). */
    private Optional<Object> defaultOf(Value arg, FieldType type, String field) {
        if (arg instanceof Scalar s && s.isName("null")) {
            return Optional.empty(); // reserved-null is already reported by the parser
        }
        if (arg instanceof Scalar s && s.kind() == TokenKind.NAME && !s.isName("true") && !s.isName("false")) {
            if (type instanceof FieldType.EnumOf e && e.members().contains(s.text())) {
                return Optional.of(s.text());
            }
            diagnostics.error("invalid-default", s.position(), type instanceof FieldType.EnumOf e
                    ? "default(" + s.text() + ") is not a member of " + e.describe()
                    : "a bare name in default() is only allowed for enum members; write \"" + s.text() + "\" for a string");
            return Optional.empty();
        }
        Object json = values.json(arg);
        if (json == null) {
            return Optional.empty();
        }
        if (!matches(json, type)) {
            diagnostics.error("invalid-default", arg.position(), "default " + arg.describe() + " does not match the type "
                    + type.describe() + " of field '" + field + "'");
            return Optional.empty();
        }
        return Optional.of(json);
    }

    private static boolean matches(Object json, FieldType type) {
        if (type instanceof FieldType.Scalar s) {
            return switch (s.kind()) {
                case STRING, TEXT, UUID, TIMESTAMP, DATE, TIME, BINARY -> json instanceof String;
                case INTEGER -> json instanceof Long;
                case DECIMAL -> json instanceof Long || json instanceof BigDecimal;
                case BOOLEAN -> json instanceof Boolean;
                case JSON -> true;
                case VOID -> false;
            };
        }
        if (type instanceof FieldType.Decimal) {
            return json instanceof Long || json instanceof BigDecimal;
        }
        if (type instanceof FieldType.EnumOf e) {
            return json instanceof String str && e.members().contains(str);
        }
        if (type instanceof FieldType.ListOf l) {
            return json instanceof List<?> items && items.stream().allMatch(i -> matches(i, l.element()));
        }
        if (type instanceof FieldType.ObjectOf) {
            return json instanceof Map;
        }
        return type instanceof FieldType.RefTo && (json instanceof String || json instanceof Long);
    }
}
