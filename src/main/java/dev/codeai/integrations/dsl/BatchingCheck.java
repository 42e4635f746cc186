package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Argument;
import dev.codeai.integrations.dsl.model.Field;
import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.model.HttpMethod;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.dsl.model.Policies;
import dev.codeai.integrations.dsl.syntax.Property;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The batching rule of DSL.md §5.4: find the batch operation and check every item field can be filled. */
final class BatchingCheck {

    private final Diagnostics diagnostics;

    BatchingCheck(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Optional<Policies.Batching> resolve(Policies.Batching batching, Map<String, Operation> ops, Property block) {
        boolean named = !batching.batchOperation().isEmpty();
        Optional<Operation> batchOp = named
                ? Optional.ofNullable(ops.get(batching.batchOperation())).filter(op -> itemFields(op).isPresent())
                : single(ops.values().stream().filter(op -> op.body().fields().size() == 1 && itemFields(op).isPresent())
                        .toList());
        if (batchOp.isEmpty()) {
            String problem = named ? "operation '" + batching.batchOperation() + "' is not an operation of this "
                    + "integration with exactly one list({…}) body field" : "no single operation whose body is one list({…}) field";
            diagnostics.error("batch-operation-not-found", block.position(), "batching needs a batch operation: " + problem);
            return Optional.empty();
        }
        Map<String, Field> item = itemFields(batchOp.get()).get();
        for (Operation op : ops.values()) {
            if (op == batchOp.get() || op.method() != HttpMethod.POST) {
                continue;
            }
            for (Field field : item.values()) {
                if (field.required() && !fillable(field, op)) {
                    diagnostics.error("batch-item-unfillable", op.position(), "operation " + op.name()
                            + " cannot fill the required batch item field '" + field.name() + "' of " + batchOp.get().name());
                }
            }
        }
        return Optional.of(new Policies.Batching(batching.enabled(), batching.maxBatchSize(), batching.maxDelay(),
                batchOp.get().name()));
    }

    private static Optional<Operation> single(List<Operation> candidates) {
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** The item fields when exactly one body field is a list({…}); the batch items go into that field. */
    static Optional<Map<String, Field>> itemFields(Operation op) {
        List<Map<String, Field>> lists = op.body().fields().values().stream()
                .filter(f -> f.type() instanceof FieldType.ListOf list && list.element() instanceof FieldType.ObjectOf)
                .map(f -> ((FieldType.ObjectOf) ((FieldType.ListOf) f.type()).element()).fields()).toList();
        return lists.size() == 1 ? Optional.of(lists.get(0)) : Optional.empty();
    }

    private static boolean fillable(Field field, Operation op) {
        List<String> args = op.arguments().stream().map(Argument::name).toList();
        if (args.contains(field.name())) {
            return true;
        }
        return switch (field.name()) {
            case "channel" -> true;
            case "recipient" -> args.contains("to") || args.contains("user_id");
            default -> field.type() instanceof FieldType.Scalar s && s.kind() == FieldType.ScalarKind.JSON;
        };
    }
}
