package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Argument;
import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.platform.ApiProblem.FieldError;
import dev.codeai.integrations.platform.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Binds an invoke request's JSON object to an operation's arguments (DSL.md §5.5): defaults applied,
 * required ones enforced, types checked, unknown ones rejected. Every problem is reported at once.
 */
final class Arguments {

    private static final int MAX_STRING = 2048;
    private static final FieldType STRING = new FieldType.Scalar(FieldType.ScalarKind.STRING);

    private Arguments() {
    }

    static Map<String, JsonValue> bind(Operation operation, JsonObject input) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, JsonValue> bound = new LinkedHashMap<>();
        Map<String, Argument> declared = new LinkedHashMap<>();
        operation.arguments().forEach(a -> declared.put(a.name(), a));
        for (String name : input.keySet()) {
            if (!declared.containsKey(name)) {
                errors.add(new FieldError(name, "unknown argument; " + operation.name() + " takes "
                        + (declared.isEmpty() ? "no arguments" : String.join(", ", declared.keySet()))));
            }
        }
        for (Argument argument : declared.values()) {
            JsonValue value = input.get(argument.name());
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                if (argument.defaultValue().isPresent()) {
                    bound.put(argument.name(), toJson(argument.defaultValue().get()));
                } else if (argument.required()) {
                    errors.add(new FieldError(argument.name(), "is required"));
                }
                continue;
            }
            String problem = check(value, argument.type());
            if (problem != null) {
                errors.add(new FieldError(argument.name(), problem));
            } else {
                bound.put(argument.name(), value);
            }
        }
        if (!errors.isEmpty()) {
            throw new IntegrationProblems.InvalidArguments(operation.name(), errors);
        }
        return bound;
    }

    /**
     * The arguments of a {@code body_type: binary} call, which come from the invoke URL's query string
     * (DSL.md §5.5): each value read as its argument's scalar type (a value that does not parse stays a
     * string, for {@link #bind} to report), lists from repeated parameters; {@code content_type} defaults to
     * the invoke request's {@code Content-Type}.
     */
    static JsonObject fromQuery(Operation operation, Map<String, List<String>> query, Optional<String> contentType) {
        Map<String, Argument> declared = new LinkedHashMap<>();
        operation.arguments().forEach(a -> declared.put(a.name(), a));
        JsonObjectBuilder object = Jsons.PROVIDER.createObjectBuilder();
        query.forEach((name, values) -> {
            FieldType type = Optional.ofNullable(declared.get(name)).map(Argument::type).orElse(STRING);
            if (type instanceof FieldType.ListOf list) {
                JsonArrayBuilder array = Jsons.PROVIDER.createArrayBuilder();
                values.forEach(v -> array.add(fromText(v, list.element())));
                object.add(name, array);
            } else if (!values.isEmpty()) {
                object.add(name, fromText(values.get(values.size() - 1), type));
            }
        });
        if (declared.containsKey("content_type") && !query.containsKey("content_type")) {
            contentType.ifPresent(type -> object.add("content_type", type));
        }
        return object.build();
    }

    private static JsonValue fromText(String text, FieldType type) {
        if (type instanceof FieldType.Decimal) {
            return decimal(text);
        }
        if (type instanceof FieldType.Scalar s) {
            try {
                switch (s.kind()) {
                    case INTEGER:
                        return Jsons.PROVIDER.createValue(Long.parseLong(text));
                    case DECIMAL:
                        return decimal(text);
                    case BOOLEAN:
                        if (text.equals("true") || text.equals("false")) {
                            return Boolean.parseBoolean(text) ? JsonValue.TRUE : JsonValue.FALSE;
                        }
                        break;
                    default:
                        break;
                }
            } catch (NumberFormatException e) {
                return Jsons.PROVIDER.createValue(text);
            }
        }
        return Jsons.PROVIDER.createValue(text);
    }

    /** Null when {@code value} fits {@code type}, else what is wrong. */
    private static String check(JsonValue value, FieldType type) {
        JsonValue.ValueType kind = value.getValueType();
        if (type instanceof FieldType.Scalar s) {
            return switch (s.kind()) {
                case STRING -> kind != JsonValue.ValueType.STRING ? "must be a string"
                        : ((JsonString) value).getString().codePointCount(0, ((JsonString) value).getString().length())
                        > MAX_STRING ? "must be at most " + MAX_STRING + " characters" : null;
                case TEXT, BINARY, DATE, TIME -> kind == JsonValue.ValueType.STRING ? null : "must be a string";
                case INTEGER -> kind != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()
                        ? "must be an integer"
                        : fitsALong((JsonNumber) value) ? null
                        : "must be an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
                case DECIMAL -> kind == JsonValue.ValueType.NUMBER ? null : "must be a number";
                case BOOLEAN -> kind == JsonValue.ValueType.TRUE || kind == JsonValue.ValueType.FALSE ? null
                        : "must be true or false";
                case UUID -> kind == JsonValue.ValueType.STRING && isUuid(((JsonString) value).getString()) ? null
                        : "must be a UUID";
                case TIMESTAMP -> kind == JsonValue.ValueType.STRING && isTimestamp(((JsonString) value).getString())
                        ? null : "must be an RFC 3339 timestamp";
                case JSON -> null;
                case VOID -> "takes no value";
            };
        }
        if (type instanceof FieldType.Decimal) {
            return kind == JsonValue.ValueType.NUMBER ? null : "must be a number";
        }
        if (type instanceof FieldType.EnumOf e) {
            return kind == JsonValue.ValueType.STRING && e.members().contains(((JsonString) value).getString()) ? null
                    : "must be one of " + String.join(", ", e.members());
        }
        if (type instanceof FieldType.ListOf l) {
            if (kind != JsonValue.ValueType.ARRAY) {
                return "must be an array";
            }
            for (JsonValue item : value.asJsonArray()) {
                String problem = check(item, l.element());
                if (problem != null) {
                    return "every item " + problem;
                }
            }
            return null;
        }
        if (type instanceof FieldType.ObjectOf || type instanceof FieldType.EntityType) {
            return kind == JsonValue.ValueType.OBJECT ? null : "must be an object";
        }
        return null;
    }

    /** DSL integers are 64-bit (DSL.md §2.5): {@code 9223372036854775808} is integral, but no integer argument. */
    private static boolean fitsALong(JsonNumber number) {
        try {
            number.bigDecimalValue().longValueExact();
            return true;
        } catch (ArithmeticException beyond) {
            return false;
        }
    }

    /** A number, unless {@code text} is none or beyond a double's range (as JSON bodies may not be): then text. */
    private static JsonValue decimal(String text) {
        try {
            BigDecimal decimal = new BigDecimal(text);
            return Double.isFinite(decimal.doubleValue()) ? Jsons.PROVIDER.createValue(decimal)
                    : Jsons.PROVIDER.createValue(text);
        } catch (NumberFormatException notANumber) {
            return Jsons.PROVIDER.createValue(text);
        }
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isTimestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A DSL default (String, Long, BigDecimal, Boolean, List, Map) as JSON. */
    static JsonValue toJson(Object value) {
        if (value instanceof String s) {
            return Jsons.PROVIDER.createValue(s);
        }
        if (value instanceof Long l) {
            return Jsons.PROVIDER.createValue(l);
        }
        if (value instanceof BigDecimal d) {
            return Jsons.PROVIDER.createValue(d);
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof List<?> list) {
            var array = Jsons.PROVIDER.createArrayBuilder();
            list.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        if (value instanceof Map<?, ?> map) {
            var object = Jsons.PROVIDER.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
            return object.build();
        }
        return JsonValue.NULL;
    }
}
