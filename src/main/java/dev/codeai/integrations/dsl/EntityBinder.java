package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Entity;
import dev.codeai.integrations.dsl.model.Field;
import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.syntax.Declaration;
import dev.codeai.integrations.dsl.syntax.FieldSpec;
import dev.codeai.integrations.dsl.syntax.IndexSpec;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Binds an {@code entity} (DSL.md §3.5, §5.2–5.3) and compares storage entities with the built-in model. */
final class EntityBinder {

    private final Values values;
    private final Diagnostics diagnostics;
    private final TypeBinder types;

    EntityBinder(Values values, TypeBinder types) {
        this.values = values;
        this.diagnostics = values.diagnostics();
        this.types = types;
    }

    Entity bind(Declaration.Entity decl) {
        diagnostics.context(decl.label());
        String description = "";
        Map<String, Field> fields = new LinkedHashMap<>();
        List<IndexSpec> indexSpecs = new ArrayList<>();
        Field primary = null;
        for (Property member : decl.members()) {
            if (member.value() instanceof FieldSpec spec) {
                    Optional<Field> field = types.field(spec.field(), false);
                    if (field.isEmpty()) {
                        continue;
                    }
                    fields.put(field.get().name(), field.get());
                    if (field.get().has(Field.Modifier.PRIMARY)) {
                        if (primary != null) {
                            diagnostics.error("multiple-primary", field.get().position(), "entity " + decl.name()
                                    + " already has the primary key '" + primary.name() + "'");
                        } else {
                            primary = field.get();
                        }
                    }
            } else if (member.value() instanceof IndexSpec index) {
                indexSpecs.add(index);
            } else {
                description = values.string(member).orElse("");
            }
        }
        List<Entity.Index> indexes = new ArrayList<>();
        for (IndexSpec index : indexSpecs) {
            List<String> names = new ArrayList<>();
            for (Scalar name : index.fields()) {
                if (!fields.containsKey(name.text())) {
                    diagnostics.error("unknown-index-field", name.position(), "index field '" + name.text()
                            + "' is not a field of " + decl.name() + Names.didYouMean(name.text(), fields.keySet()));
                }
                names.add(name.text());
            }
            indexes.add(new Entity.Index(List.copyOf(names), index.unique()));
        }
        StorageModel.columns(decl.name()).ifPresent(columns -> compareWithStorage(decl.name(), fields, columns));
        return new Entity(decl.name(), description, fields, List.copyOf(indexes), decl.position());
    }

    private void compareWithStorage(String entity, Map<String, Field> fields, Map<String, StorageModel.Kind> columns) {
        for (Field f : fields.values()) {
            StorageModel.Kind column = columns.get(f.name());
            if (column == null) {
                diagnostics.warning("storage-field-ignored", f.position(), "field '" + f.name() + "' is not stored by the "
                        + "built-in " + entity + " table; it is documentation only and ignored");
            } else if (!column.accepts(f.type())) {
                diagnostics.warning("storage-field-ignored", f.position(), "field '" + f.name() + "' is declared as "
                        + f.type().describe() + " but the built-in " + entity + " stores it as " + column.describe()
                        + "; the declaration is ignored");
            }
        }
    }

    static boolean isEntityRef(FieldType type) {
        return type instanceof FieldType.RefTo || type instanceof FieldType.EntityType;
    }
}
