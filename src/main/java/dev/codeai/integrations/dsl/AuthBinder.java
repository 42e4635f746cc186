package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Auth;
import dev.codeai.integrations.dsl.model.SecretValue;
import dev.codeai.integrations.dsl.syntax.CallValue;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.TypedBlockValue;
import dev.codeai.integrations.dsl.syntax.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code auth:} of an integration (DSL.md §3.6 AuthSpec, §5.4) and header maps. */
final class AuthBinder {

    private static final List<String> AWS_KEYS = List.of("access_key", "secret_key", "region", "service");
    private static final List<String> KINDS = List.of("bearer", "api_key", "basic", "aws_signature_v4", "none");

    private final Values values;
    private final Diagnostics diagnostics;

    AuthBinder(Values values) {
        this.values = values;
        this.diagnostics = values.diagnostics();
    }

    Auth auth(Property p) {
        Value v = p.value();
        if (v instanceof Scalar s && s.isName("none")) {
            return new Auth.None();
        }
        if (v instanceof CallValue c && c.name().equals("bearer") && c.args().size() == 1) {
            return values.secret(c.args().get(0).value(), "the bearer token").<Auth>map(Auth.Bearer::new)
                    .orElse(new Auth.None());
        }
        if (v instanceof CallValue c && c.name().equals("api_key") && !c.args().isEmpty()) {
            return apiKey(c);
        }
        if (v instanceof CallValue c && c.name().equals("basic") && c.args().size() == 2) {
            Optional<SecretValue> user = values.secret(c.args().get(0).value(), "the basic-auth user");
            Optional<SecretValue> password = values.secret(c.args().get(1).value(), "the basic-auth password");
            return user.isPresent() && password.isPresent() ? new Auth.Basic(user.get(), password.get())
                    : new Auth.None();
        }
        if (v instanceof TypedBlockValue t && t.type().equals("aws_signature_v4")) {
            return aws(t);
        }
        String found = v instanceof CallValue c ? c.name() : v instanceof TypedBlockValue t ? t.type()
                : v instanceof Scalar s ? s.text() : "";
        diagnostics.error("invalid-value", v.position(), "expected bearer(token), api_key(key, \"name\"), "
                + "basic(user, password), aws_signature_v4 { … } or none for 'auth' but found "
                + v.describe() + Names.didYouMean(found, KINDS));
        return new Auth.None();
    }

    private Auth apiKey(CallValue c) {
        Optional<SecretValue> key = values.secret(c.args().get(0).value(), "the API key");
        Optional<CallValue.Arg> header = c.named("header");
        Optional<CallValue.Arg> query = c.named("query");
        List<CallValue.Arg> positional = c.positional();
        if (key.isEmpty()) {
            return new Auth.None();
        }
        if (header.isPresent() || query.isPresent()) {
            CallValue.Arg arg = header.orElseGet(query::get);
            Optional<String> name = nameString(arg);
            return name.<Auth>map(n -> new Auth.ApiKey(key.get(), n, header.isPresent()
                    ? Auth.ApiKey.Placement.HEADER : Auth.ApiKey.Placement.QUERY)).orElse(new Auth.None());
        }
        if (positional.size() < 2) {
            return new Auth.ApiKey(key.get(), "X-API-Key", Auth.ApiKey.Placement.HEADER);
        }
        Optional<String> name = nameString(positional.get(1));
        if (name.isEmpty()) {
            return new Auth.None();
        }
        boolean asHeader = !name.get().equals(name.get().toLowerCase(java.util.Locale.ROOT)) || name.get().contains("-");
        diagnostics.info("api-key-placement", positional.get(1).position(), "api_key name \"" + name.get() + "\" is sent as "
                + (asHeader ? "a header" : "a query parameter") + "; write " + (asHeader ? "header:" : "query:")
                + " \"" + name.get() + "\" to say so explicitly");
        return new Auth.ApiKey(key.get(), name.get(), asHeader ? Auth.ApiKey.Placement.HEADER : Auth.ApiKey.Placement.QUERY);
    }

    private Optional<String> nameString(CallValue.Arg arg) {
        if (arg.value() instanceof Scalar s && s.kind() == TokenKind.STRING && !((String) s.value()).isBlank()) {
            return Optional.of((String) s.value());
        }
        diagnostics.error("invalid-value", arg.position(), "expected the API key's header or parameter name as a string but found "
                + arg.value().describe());
        return Optional.empty();
    }

    private Auth aws(TypedBlockValue t) {
        Map<String, SecretValue> found = new LinkedHashMap<>();
        for (Property key : t.block().properties()) {
            if (!AWS_KEYS.contains(key.key()) && !key.key().equals("session_token")) {
                diagnostics.warning("unknown-property", key.position(), "unknown property '" + key.key()
                        + "' in aws_signature_v4" + Names.didYouMean(key.key(), Set.of("access_key", "secret_key",
                        "region", "service", "session_token")));
                continue;
            }
            values.secret(key.value(), "'" + key.key() + "'").ifPresent(v -> found.put(key.key(), v));
        }
        boolean complete = true;
        for (String key : AWS_KEYS) {
            if (t.block().get(key).isEmpty()) {
                diagnostics.error("missing-property", t.position(), "aws_signature_v4 needs '" + key + "'");
                complete = false;
            }
        }
        if (!complete || !found.keySet().containsAll(AWS_KEYS)) {
            return new Auth.None();
        }
        return new Auth.AwsSigV4(found.get("access_key"), found.get("secret_key"), found.get("region"),
                found.get("service"), Optional.ofNullable(found.get("session_token")));
    }

    /** HeaderMap ::= '{' ( HeaderName ':' HeaderValue Sep? )* '}' — names unique ignoring case. */
    Map<String, SecretValue> headers(Property p) {
        Map<String, SecretValue> headers = new LinkedHashMap<>();
        Map<String, Position> seen = new LinkedHashMap<>();
        Optional<dev.codeai.integrations.dsl.syntax.BlockValue> block = values.block(p);
        if (block.isEmpty()) {
            return headers;
        }
        for (Property h : block.get().properties()) {
            Position first = seen.putIfAbsent(h.key().toLowerCase(java.util.Locale.ROOT), h.position());
            if (first != null) {
                diagnostics.error("duplicate-header", h.position(), "duplicate header '" + h.key()
                        + "' (header names ignore case; first defined at line " + first.line() + ")");
                continue;
            }
            values.secret(h.value(), "header '" + h.key() + "'").ifPresent(v -> headers.put(h.key(), v));
        }
        return headers;
    }
}
