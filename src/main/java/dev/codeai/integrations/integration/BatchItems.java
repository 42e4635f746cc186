package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Argument;
import dev.codeai.integrations.dsl.model.Field;
import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.platform.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DSL.md §5.4 "Batching rule", the mapping both ways: a single-item call's arguments become one item of the batch
 * operation's list field, and the batch answer is split into each caller's result.
 */
final class BatchItems {

    private BatchItems() {
    }

    /** The batch operation's one {@code list({…})} body field: its name and item fields. */
    record ListField(String name, Map<String, Field> itemFields) {

        static ListField of(Operation batch) {
            return batch.body().fields().values().stream()
                    .filter(f -> f.type() instanceof FieldType.ListOf list && list.element() instanceof FieldType.ObjectOf)
                    .map(f -> new ListField(f.name(), ((FieldType.ObjectOf) ((FieldType.ListOf) f.type()).element()).fields()))
                    .findFirst().orElseThrow(() -> new IllegalStateException(batch.name() + " has no list({…}) body field"));
        }
    }

    /**
     * The item for one call: fields filled by name from its arguments; then an unfilled {@code channel} gets the
     * operation name without {@code send_}, an unfilled {@code recipient} the first present of {@code to},
     * {@code user_id}; last, an unfilled {@code json} field all body arguments not used so far, as an object.
     * Optional fields nothing fills are left out (the loader refused operations that cannot fill a required one).
     */
    static JsonObject item(ListField list, Operation operation, Map<String, JsonValue> arguments) {
        JsonObjectBuilder item = Jsons.PROVIDER.createObjectBuilder();
        Set<String> used = new HashSet<>();
        Set<String> filled = new HashSet<>();
        for (Field field : list.itemFields().values()) {
            JsonValue value = arguments.get(field.name());
            if (value != null) {
                item.add(field.name(), value);
                used.add(field.name());
                filled.add(field.name());
            }
        }
        if (list.itemFields().containsKey("channel") && filled.add("channel")) {
            item.add("channel", operation.name().startsWith("send_") ? operation.name().substring(5) : operation.name());
        }
        if (list.itemFields().containsKey("recipient") && !filled.contains("recipient")) {
            for (String source : List.of("to", "user_id")) {
                if (arguments.containsKey(source)) {
                    item.add("recipient", arguments.get(source));
                    used.add(source);
                    filled.add("recipient");
                    break;
                }
            }
        }
        for (Field field : list.itemFields().values()) {
            if (!filled.contains(field.name()) && field.type() instanceof FieldType.Scalar s
                    && s.kind() == FieldType.ScalarKind.JSON) {
                JsonObjectBuilder rest = Jsons.PROVIDER.createObjectBuilder();
                operation.arguments().stream().filter(a -> a.source() == Argument.Source.BODY)
                        .filter(a -> !used.contains(a.name()) && arguments.containsKey(a.name()))
                        .forEach(a -> rest.add(a.name(), arguments.get(a.name())));
                item.add(field.name(), rest);
                filled.add(field.name());
            }
        }
        return item.build();
    }

    /**
     * Each item's result, in item order: the element at its index of the first array in the batch answer when that
     * array has one element per item; otherwise the batch answer unchanged, for every item.
     */
    static List<UpstreamResponse> results(UpstreamResponse batch, int size) {
        return firstArray(batch).filter(array -> array.size() == size)
                .map(array -> array.stream().map(element -> new UpstreamResponse(batch.status(),
                        Map.of("Content-Type", List.of("application/json")),
                        element.toString().getBytes(StandardCharsets.UTF_8))).toList())
                .orElseGet(() -> Collections.nCopies(size, batch));
    }

    private static Optional<JsonArray> firstArray(UpstreamResponse batch) {
        if (batch.body().length == 0 || !batch.contentType().contains("json")) {
            return Optional.empty();
        }
        try (JsonReader reader = Jsons.PROVIDER.createReader(new ByteArrayInputStream(batch.body()))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.ARRAY) {
                return Optional.of(value.asJsonArray());
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.empty();
            }
            return value.asJsonObject().values().stream().filter(v -> v.getValueType() == JsonValue.ValueType.ARRAY)
                    .map(JsonValue::asJsonArray).findFirst();
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
