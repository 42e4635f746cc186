package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Endpoint;
import dev.codeai.integrations.dsl.model.Event;
import dev.codeai.integrations.dsl.model.Field;
import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.model.HttpMethod;
import dev.codeai.integrations.dsl.model.ObjectSchema;
import dev.codeai.integrations.dsl.syntax.CallValue;
import dev.codeai.integrations.dsl.syntax.Declaration;
import dev.codeai.integrations.dsl.syntax.ListValue;
import dev.codeai.integrations.dsl.syntax.LooseValue;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.TypeExpr;
import dev.codeai.integrations.dsl.syntax.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds {@code endpoint} (DSL.md §5.7) and {@code event} (§5.8) declarations. */
final class RouteBinder {

    private static final Set<String> TARGETS = Set.of("slack", "webhook", "kafka");

    private final Values values;
    private final Diagnostics diagnostics;
    private final TypeBinder types;

    RouteBinder(Values values, TypeBinder types) {
        this.values = values;
        this.diagnostics = values.diagnostics();
        this.types = types;
    }

    Endpoint endpoint(Declaration.Endpoint decl) {
        diagnostics.context(decl.label());
        Props props = Props.of(decl.properties());
        List<String> params = Templates.placeholders(decl.path());
        ObjectSchema pathSchema = props.get("path").map(p -> types.schema(p.value())).orElse(ObjectSchema.EMPTY);
        for (Field f : pathSchema.fields().values()) {
            if (!params.contains(f.name())) {
                diagnostics.error("unknown-path-parameter", f.position(), "path parameter '" + f.name()
                        + "' does not appear in " + decl.path());
            }
        }
        Map<String, Field> allPath = new LinkedHashMap<>();
        for (String param : params) {
            Field declared = pathSchema.fields().get(param);
            if (declared == null) {
                diagnostics.warning("undeclared-path-parameter", decl.pathPosition(), "path parameter {" + param
                        + "} is not declared in 'path { }'; it is taken as a required string");
                declared = new Field(param, new FieldType.Scalar(FieldType.ScalarKind.STRING),
                        Set.of(Field.Modifier.REQUIRED), Optional.empty(), Set.of(), decl.pathPosition());
            }
            allPath.put(param, declared);
        }
        List<String> roles = props.get("roles").map(this::roles).orElse(List.of());
        Endpoint.AuthMode auth = props.get("auth")
                .flatMap(a -> values.word(a, Set.of("required", "optional", "none"), "required, optional or none"))
                .map(w -> Endpoint.AuthMode.valueOf(w.toUpperCase(java.util.Locale.ROOT)))
                .orElse(Endpoint.AuthMode.REQUIRED);
        if (!roles.isEmpty() && auth != Endpoint.AuthMode.REQUIRED) {
            diagnostics.warning("conflicting-modifiers", props.get("auth").get().position(),
                    "roles imply auth: required; auth: " + auth.name().toLowerCase(java.util.Locale.ROOT) + " is overridden");
            auth = Endpoint.AuthMode.REQUIRED;
        }
        ObjectSchema query = props.get("query").map(q -> types.schema(q.value())).orElse(ObjectSchema.EMPTY);
        ObjectSchema body = props.get("body").map(b -> types.schema(b.value())).orElse(ObjectSchema.EMPTY);
        Optional<FieldType> returns = props.get("returns").flatMap(r -> types.type((TypeExpr) r.value(), true));
        Optional<Endpoint.Emit> onSuccess = props.get("on_success").flatMap(this::emit);
        String description = props.get("description").flatMap(values::string).orElse("");
        Endpoint endpoint = new Endpoint(HttpMethod.valueOf(decl.method()), decl.path(), List.copyOf(params), description,
                auth, roles, new ObjectSchema(allPath), query, body, returns, onSuccess, decl.position());
        if (!BuiltInRoutes.contains(endpoint.routeKey())) {
            diagnostics.warning("unbound-endpoint", decl.position(), decl.method() + " " + decl.path()
                    + " matches no built-in route; it will answer 501 Not Implemented");
        }
        return endpoint;
    }

    private List<String> roles(Property p) {
        if (!(p.value() instanceof ListValue list)) {
            return values.<List<String>>invalid(p, "a list of roles such as [admin]").orElse(List.of());
        }
        List<String> roles = new ArrayList<>();
        for (Value item : list.items()) {
            if (item instanceof Scalar s && (s.kind() == TokenKind.NAME || s.kind() == TokenKind.STRING)) {
                roles.add((String) s.value());
            } else {
                diagnostics.error("invalid-value", item.position(), "expected a role name but found " + item.describe());
            }
        }
        return List.copyOf(roles);
    }

    private Optional<Endpoint.Emit> emit(Property p) {
        if (p.value() instanceof CallValue c && c.name().equals("emit") && c.args().size() == 1
                && c.args().get(0).value() instanceof Scalar s && s.kind() == TokenKind.NAME) {
            return Optional.of(new Endpoint.Emit(s.text(), s.position()));
        }
        return values.invalid(p, "emit(EventName)");
    }

    Event event(Declaration.Event decl) {
        diagnostics.context(decl.label());
        Props props = Props.of(decl.properties());
        ObjectSchema payload = props.get("payload").map(p -> types.schema(p.value())).orElse(ObjectSchema.EMPTY);
        List<Event.Target> targets = props.get("publish_to").map(this::targets).orElse(List.of());
        Optional<String> trigger = props.get("trigger").map(t -> ((LooseValue) t.value()).text());
        String description = props.get("description").flatMap(values::string).orElse("");
        return new Event(decl.name(), description, payload, targets, trigger, decl.position());
    }

    // Target ::= NAME '(' STRING ','? ')'
    private List<Event.Target> targets(Property p) {
        if (!(p.value() instanceof ListValue list)) {
            return values.<List<Event.Target>>invalid(p, "a list of targets such as [slack(\"#ops\")]").orElse(List.of());
        }
        List<Event.Target> targets = new ArrayList<>();
        for (Value item : list.items()) {
            if (!(item instanceof CallValue c) || c.args().size() != 1
                    || !(c.args().get(0).value() instanceof Scalar s) || s.kind() != TokenKind.STRING) {
                diagnostics.error("invalid-value", item.position(), "expected a target such as slack(\"#channel\") or "
                        + "webhook(\"name\") but found " + item.describe());
                continue;
            }
            if (!TARGETS.contains(c.name())) {
                diagnostics.error("unknown-target", c.position(), "unknown publish_to target '" + c.name()
                        + "': expected slack, webhook or kafka" + Names.didYouMean(c.name(), TARGETS));
                continue;
            }
            targets.add(new Event.Target(Event.Target.Kind.valueOf(c.name().toUpperCase(java.util.Locale.ROOT)),
                    (String) s.value()));
        }
        return List.copyOf(targets);
    }
}
