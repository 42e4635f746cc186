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
        Optional<Operation> batchOp = batching.batchOperation().isEmpty()
                ? single(ops.values().stream().filter(op -> itemFields(op).isPresent()).toList())
                : Optional.ofNullable(ops.get(batching.batchOperation())).filter(op -> itemFields(op).isPresent());
        if (batchOp.isEmpty()) {
            String named = batching.batchOperation().isEmpty() ? "no operation whose body is a single list({…}) field"
                    : "operation '" + batching.batchOperation() + "' is not an operation with a single list({…}) body field";
            diagnostics.error("batch-operation-not-found", block.position(), "batching needs a batch operation: " + named);
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

    /** The item fields when the body is exactly one list({…}) field. */
    static Optional<Map<String, Field>> itemFields(Operation op) {
        if (op.body().fields().size() != 1) {
            return Optional.empty();
        }
        Field only = op.body().fields().values().iterator().next();
        if (only.type() instanceof FieldType.ListOf list && list.element() instanceof FieldType.ObjectOf object) {
            return Optional.of(object.fields());
        }
        return Optional.empty();
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
