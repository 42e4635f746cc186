package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Argument;
import dev.codeai.integrations.dsl.model.Field;
import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.model.HttpMethod;
import dev.codeai.integrations.dsl.model.IntegrationKind;
import dev.codeai.integrations.dsl.model.ObjectSchema;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.dsl.model.SecretValue;
import dev.codeai.integrations.dsl.syntax.BlockValue;
import dev.codeai.integrations.dsl.syntax.Declaration;
import dev.codeai.integrations.dsl.syntax.ListValue;
import dev.codeai.integrations.dsl.syntax.ObjectType;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.TypeExpr;
import dev.codeai.integrations.dsl.syntax.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds one {@code operation} (DSL.md §5.5) within its integration's type. */
final class OperationBinder {

    static final Set<String> DELIVERY_CONTEXT = Set.of("event_type", "delivery_id", "timestamp");
    static final Set<String> TARGET_FIELDS = Set.of("url", "secret", "name", "id", "events");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "internal");
    private static final Pattern GRAPHQL_NAME = Pattern.compile("\\b(query|mutation|subscription)\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final FieldType STRING = new FieldType.Scalar(FieldType.ScalarKind.STRING);
    /** Key of the path template in the template positions; no header name contains a NUL. */
    private static final String PATH_TEMPLATE = "\0path";

    private final Values values;
    private final Diagnostics diagnostics;
    private final TypeBinder types;
    private final AuthBinder auth;

    OperationBinder(Values values, TypeBinder types, AuthBinder auth) {
        this.values = values;
        this.diagnostics = values.diagnostics();
        this.types = types;
        this.auth = auth;
    }

    /** The context an operation is bound in. */
    record Owner(String integration, IntegrationKind kind, boolean awsSigned) {
    }

    Operation bind(Declaration.Operation decl, Owner owner) {
        diagnostics.context("integration " + owner.integration() + ", operation " + decl.name());
        Props props = Props.of(decl.properties());
        HttpMethod method = method(props, owner);
        Optional<String> path = path(props, owner, method, decl);
        ObjectSchema query = ObjectSchema.EMPTY;
        Optional<Operation.GraphqlDocument> document = Optional.empty();
        if (props.get("query").isPresent()) {
            Property q = props.get("query").get();
            if (q.value() instanceof ObjectType) {
                query = types.schema(q.value());
            } else {
                document = document(q, Operation.GraphqlDocument.Kind.QUERY, owner);
            }
        }
        if (props.get("mutation").isPresent()) {
            Property m = props.get("mutation").get();
            if (document.isPresent()) {
                diagnostics.error("invalid-value", m.position(), "an operation has a query or a mutation document, not both");
            } else {
                document = document(m, Operation.GraphqlDocument.Kind.MUTATION, owner);
            }
        }
        if (owner.kind() == IntegrationKind.GRAPHQL && document.isEmpty()) {
            diagnostics.error("missing-document", decl.position(), "a graphql operation needs a 'query' or 'mutation' document");
        }
        ObjectSchema variables = props.get("variables").map(v -> types.schema(v.value())).orElse(ObjectSchema.EMPTY);
        if (props.has("variables") && owner.kind() != IntegrationKind.GRAPHQL) {
            diagnostics.warning("ignored-property", props.get("variables").get().position(),
                    "'variables' only applies to graphql operations; ignored");
        }
        ObjectSchema body = props.get("body").map(b -> types.schema(b.value())).orElse(ObjectSchema.EMPTY);
        Operation.BodyType bodyType = props.get("body_type").flatMap(b -> values.word(b, Set.of("json", "binary", "form", "text"),
                "json, binary, form or text")).map(w -> Operation.BodyType.valueOf(w.toUpperCase(java.util.Locale.ROOT)))
                .orElse(Operation.BodyType.JSON);
        Map<String, SecretValue> headers = props.get("headers").map(auth::headers).orElse(Map.of());
        Optional<FieldType> returns = props.get("returns").flatMap(r -> types.type((TypeExpr) r.value(), true));
        Optional<Duration> cache = props.get("cache").flatMap(this::cache);
        Set<Integer> successCodes = props.get("success_codes").map(this::successCodes).orElse(Set.of());
        String description = props.get("description").flatMap(values::string).orElse("");
        Map<String, Position> templateAt = new LinkedHashMap<>();
        props.get("path").ifPresent(p -> templateAt.put(PATH_TEMPLATE, p.value().position()));
        props.get("headers").map(Property::value).filter(BlockValue.class::isInstance).map(BlockValue.class::cast)
                .ifPresent(b -> b.properties()
                .forEach(h -> templateAt.putIfAbsent(h.key(), h.value().position())));
        List<Argument> arguments = arguments(decl, owner, method, path, headers, templateAt, query, body, variables);
        return new Operation(decl.name(), description, method, path, query, document, variables, body, bodyType,
                headers, returns, cache, successCodes, arguments, decl.position());
    }

    private HttpMethod method(Props props, Owner owner) {
        Optional<Property> m = props.get("method");
        if (m.isEmpty()) {
            return owner.kind() == IntegrationKind.REST ? HttpMethod.GET : HttpMethod.POST;
        }
        Optional<String> word = values.word(m.get(), METHODS, "GET, POST, PUT, PATCH, DELETE, HEAD or internal");
        if (word.isEmpty()) {
            return HttpMethod.GET;
        }
        HttpMethod method = word.get().equals("internal") ? HttpMethod.INTERNAL : HttpMethod.valueOf(word.get());
        switch (owner.kind()) {
            case GRAPHQL -> diagnostics.error("method-not-allowed", m.get().position(),
                    "graphql operations are always sent as POST; remove 'method'");
            case WEBHOOK -> {
                if (method != HttpMethod.POST) {
                    diagnostics.error("method-not-allowed", m.get().value().position(),
                            "webhook deliveries are POST requests; '" + word.get() + "' is not allowed");
                }
            }
            case REST -> {
                if (method == HttpMethod.INTERNAL && !owner.awsSigned()) {
                    diagnostics.warning("internal-without-provider", m.get().value().position(),
                            "method: internal has a built-in provider only with auth: aws_signature_v4; calls will answer 501");
                }
            }
        }
        return method;
    }

    private Optional<String> path(Props props, Owner owner, HttpMethod method, Declaration.Operation decl) {
        Optional<Property> p = props.get("path");
        if (p.isPresent() && owner.kind() == IntegrationKind.GRAPHQL) {
            diagnostics.error("path-not-allowed", p.get().position(), "graphql operations are sent to base_url; remove 'path'");
            return Optional.empty();
        }
        Optional<String> path = p.flatMap(values::string);
        path.ifPresent(text -> checkTemplate(text, p.get().value().position()));
        if (p.isEmpty() && owner.kind() == IntegrationKind.REST && method != HttpMethod.INTERNAL) {
            diagnostics.error("missing-property", decl.position(), "rest operation '" + decl.name() + "' needs a 'path'");
        }
        if (p.isEmpty() && owner.kind() == IntegrationKind.WEBHOOK) {
            return Optional.of("{endpoint.url}");
        }
        return path;
    }

    private Optional<Operation.GraphqlDocument> document(Property p, Operation.GraphqlDocument.Kind kind, Owner owner) {
        if (owner.kind() != IntegrationKind.GRAPHQL) {
            diagnostics.error("document-not-allowed", p.value().position(), "a GraphQL document in a " + owner.kind().dslName()
                    + " integration; a rest 'query' is a parameter schema '{ … }'");
            return Optional.empty();
        }
        return values.text(p).map(text -> {
            Matcher m = GRAPHQL_NAME.matcher(text);
            return new Operation.GraphqlDocument(kind, text, m.find() ? Optional.of(m.group(2)) : Optional.empty());
        });
    }

    private Optional<Duration> cache(Property p) {
        if (p.value() instanceof Scalar s && s.isName("none")) {
            return Optional.of(Duration.ZERO); // none: not cached, whatever default_cache_ttl says
        }
        return values.duration(p, true);
    }

    private Set<Integer> successCodes(Property p) {
        if (!(p.value() instanceof ListValue list)) {
            return values.<Set<Integer>>invalid(p, "a list of status codes such as [200, 201]").orElse(Set.of());
        }
        Set<Integer> codes = new LinkedHashSet<>();
        for (Value item : list.items()) {
            if (item instanceof Scalar s && s.kind() == TokenKind.INT && (Long) s.value() >= 100 && (Long) s.value() <= 599) {
                codes.add(((Long) s.value()).intValue());
            } else {
                diagnostics.error("invalid-value", item.position(), "expected an HTTP status code (100-599) but found "
                        + item.describe());
            }
        }
        return Set.copyOf(codes);
    }

    private void checkTemplate(String template, Position at) {
        String rest = template.replaceAll("\\{\\{|}}", "")
                .replaceAll("\\{[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*}", "");
        if (rest.contains("{") || rest.contains("}")) {
            diagnostics.warning("invalid-placeholder", at, "'" + template + "' has a brace that is not a {name} placeholder; "
                    + "it is sent literally (write {{ or }} for a literal brace)");
        }
    }

    private List<Argument> arguments(Declaration.Operation decl, Owner owner, HttpMethod method, Optional<String> path,
                                     Map<String, SecretValue> headers, Map<String, Position> templateAt,
                                     ObjectSchema query, ObjectSchema body, ObjectSchema variables) {
        Map<String, Argument> args = new LinkedHashMap<>();
        Map<String, Field> declared = new LinkedHashMap<>();
        declare(query, Argument.Source.QUERY, args, declared, decl);
        declare(body, Argument.Source.BODY, args, declared, decl);
        declare(variables, Argument.Source.VARIABLE, args, declared, decl);
        List<String> placeholders = new ArrayList<>();
        List<Position> placeholderAt = new ArrayList<>();
        path.ifPresent(p -> Templates.placeholders(p).forEach(name -> {
            placeholders.add(name);
            placeholderAt.add(templateAt.getOrDefault(PATH_TEMPLATE, decl.position()));
        }));
        int pathCount = placeholders.size();
        headers.forEach((header, value) -> {
            if (value instanceof SecretValue.Literal l) {
                Position at = templateAt.getOrDefault(header, decl.position());
                checkTemplate(l.text(), at);
                Templates.placeholders(l.text()).forEach(name -> {
                    placeholders.add(name);
                    placeholderAt.add(at);
                });
            }
        });
        List<Argument> implicit = new ArrayList<>();
        for (int i = 0; i < placeholders.size(); i++) {
            String name = placeholders.get(i);
            Argument.Source source = i < pathCount ? Argument.Source.PATH : Argument.Source.HEADER;
            if (isContextOrTarget(name, owner) || args.containsKey(name) || implicit.stream().anyMatch(a -> a.name().equals(name))) {
                continue;
            }
            if (name.contains(".")) {
                diagnostics.warning("unresolved-placeholder", placeholderAt.get(i), "placeholder {" + name
                        + "} names no delivery-context field, argument or target field");
                continue;
            }
            implicit.add(new Argument(name, STRING, true, Optional.empty(), source));
        }
        List<Argument> all = new ArrayList<>(implicit);
        all.addAll(args.values());
        if (method == HttpMethod.INTERNAL && owner.awsSigned()) {
            return presignArguments();
        }
        return List.copyOf(all);
    }

    private boolean isContextOrTarget(String name, Owner owner) {
        if (owner.kind() == IntegrationKind.WEBHOOK && DELIVERY_CONTEXT.contains(name)) {
            return true;
        }
        if (name.startsWith("endpoint.")) {
            String field = name.substring("endpoint.".length());
            return owner.kind() == IntegrationKind.WEBHOOK && TARGET_FIELDS.contains(field);
        }
        return false;
    }

    private void declare(ObjectSchema schema, Argument.Source source, Map<String, Argument> args,
                         Map<String, Field> declared, Declaration.Operation decl) {
        for (Field f : schema.fields().values()) {
            if (declared.containsKey(f.name())) {
                diagnostics.error("argument-conflict", f.position(), "argument '" + f.name() + "' is declared in both "
                        + args.get(f.name()).source().name().toLowerCase(java.util.Locale.ROOT) + " and "
                        + source.name().toLowerCase(java.util.Locale.ROOT) + " of operation " + decl.name());
                continue;
            }
            declared.put(f.name(), f);
            boolean required = f.has(Field.Modifier.REQUIRED) && f.defaultValue().isEmpty();
            args.put(f.name(), new Argument(f.name(), f.type(), required, f.defaultValue(), source));
        }
    }

    private static List<Argument> presignArguments() {
        return List.of(
                new Argument("bucket", STRING, true, Optional.empty(), Argument.Source.INTERNAL),
                new Argument("key", STRING, true, Optional.empty(), Argument.Source.INTERNAL),
                new Argument("method", new FieldType.EnumOf(List.of("GET", "PUT")), false, Optional.of("GET"),
                        Argument.Source.INTERNAL),
                new Argument("expires_in", new FieldType.Scalar(FieldType.ScalarKind.INTEGER), false, Optional.of(900L),
                        Argument.Source.INTERNAL),
                new Argument("content_type", STRING, false, Optional.empty(), Argument.Source.INTERNAL));
    }
}
