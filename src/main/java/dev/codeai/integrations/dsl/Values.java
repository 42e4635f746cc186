package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.SecretValue;
import dev.codeai.integrations.dsl.syntax.BlockValue;
import dev.codeai.integrations.dsl.syntax.CallValue;
import dev.codeai.integrations.dsl.syntax.ListValue;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads property values of an expected shape, reporting {@code invalid-value} for anything else. */
final class Values {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Diagnostics diagnostics;
    private final Map<String, String> environment;
    private final boolean checkEnvironment;

    Values(Diagnostics diagnostics, Map<String, String> environment, boolean checkEnvironment) {
        this.diagnostics = diagnostics;
        this.environment = environment;
        this.checkEnvironment = checkEnvironment;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    Optional<String> string(Property p) {
        if (p.value() instanceof Scalar s && s.kind() == TokenKind.STRING) {
            return Optional.of((String) s.value());
        }
        return invalid(p, "a string");
    }

    Optional<String> text(Property p) {
        if (p.value() instanceof Scalar s && s.isText()) {
            return Optional.of((String) s.value());
        }
        return invalid(p, "a string or text block");
    }

    Optional<Duration> duration(Property p, boolean zeroAllowed) {
        if (p.value() instanceof Scalar s && s.kind() == TokenKind.DURATION) {
            Duration d = (Duration) s.value();
            if (d.isZero() && !zeroAllowed && s.text().matches("0+[a-z]+")) {
                diagnostics.error("zero-duration", s.position(), "'" + p.key() + "' must be longer than 0");
                return Optional.empty();
            }
            return Optional.of(d);
        }
        return invalid(p, "a duration such as 30s, 5m or 1h");
    }

    Optional<Long> integer(Property p, long min) {
        if (p.value() instanceof Scalar s && s.kind() == TokenKind.INT) {
            long n = (Long) s.value();
            if (n < min) {
                diagnostics.error("invalid-value", s.position(), "'" + p.key() + "' must be at least " + min
                        + " but is " + n);
                return Optional.empty();
            }
            return Optional.of(n);
        }
        return invalid(p, "an integer");
    }

    Optional<Boolean> bool(Property p) {
        if (p.value() instanceof Scalar s && (s.isName("true") || s.isName("false"))) {
            return Optional.of(s.isName("true"));
        }
        return invalid(p, "true or false");
    }

    Optional<String> word(Property p, Set<String> allowed, String expectation) {
        if (p.value() instanceof Scalar s && s.kind() == TokenKind.NAME && allowed.contains(s.text())) {
            return Optional.of(s.text());
        }
        return invalid(p, expectation);
    }

    Optional<BlockValue> block(Property p) {
        if (p.value() instanceof BlockValue b) {
            return Optional.of(b);
        }
        return invalid(p, "a block '{ … }'");
    }

    <T> Optional<T> invalid(Property p, String expectation) {
        diagnostics.error("invalid-value", p.value().position(), "expected " + expectation + " for '" + p.key()
                + "' but found " + p.value().describe());
        return Optional.empty();
    }

    /** StrOrEnv ::= STRING | EnvRef, reporting against {@code what}. */
    Optional<SecretValue> secret(Value v, String what) {
        if (v instanceof Scalar s && s.kind() == TokenKind.STRING) {
            return Optional.of(new SecretValue.Literal((String) s.value()));
        }
        if (v instanceof CallValue c && c.name().equals("env")) {
            return env(c, what);
        }
        diagnostics.error("invalid-value", v.position(), "expected a string or env(NAME) for " + what
                + " but found " + v.describe());
        return Optional.empty();
    }

    // EnvRef ::= 'env' '(' ( NAME | STRING ) ( ',' Value )? ','? ')'
    private Optional<SecretValue> env(CallValue c, String what) {
        List<CallValue.Arg> args = c.args();
        if (args.isEmpty() || args.size() > 2 || !args.get(0).positional()) {
            diagnostics.error("invalid-value", c.position(), "env(…) takes a variable name and an optional default");
            return Optional.empty();
        }
        Optional<String> name = envName(args.get(0).value());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> fallback = Optional.empty();
        if (args.size() == 2) {
            Object json = json(args.get(1).value());
            if (json == null || json instanceof Map || json instanceof List) {
                diagnostics.error("invalid-value", args.get(1).position(),
                        "the default of env(" + name.get() + ") must be a string, number or boolean");
                return Optional.empty();
            }
            fallback = Optional.of(json.toString());
        }
        if (checkEnvironment && fallback.isEmpty() && isUnset(name.get())) {
            diagnostics.warning("env-not-set", c.position(), "environment variable " + name.get()
                    + " is not set (" + what + "); at run time the integration starts unconfigured");
        }
        return Optional.of(new SecretValue.EnvVar(name.get(), fallback));
    }

    private boolean isUnset(String name) {
        String value = environment.get(name);
        return value == null || value.isEmpty();
    }

    private Optional<String> envName(Value v) {
        String name = v instanceof Scalar s && (s.kind() == TokenKind.NAME || s.kind() == TokenKind.STRING)
                ? (String) s.value() : null;
        if (name == null || !ENV_NAME.matcher(name).matches()) {
            diagnostics.error("invalid-env-name", v.position(), "invalid environment variable name "
                    + v.describe() + ": expected letters, digits and '_', not starting with a digit");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /**
     * A literal as a JSON-shaped Java value (String, Long, BigDecimal, Boolean, List, Map), or null after
     * reporting what is not a literal.
     */
    Object json(Value v) {
        if (v instanceof Scalar s) {
                return switch (s.kind()) {
                    case STRING, TEXT_BLOCK, INT, DECIMAL -> s.value();
                    case NAME -> s.isName("true") || s.isName("false") ? Boolean.valueOf(s.text()) : notLiteral(v);
                    default -> notLiteral(v);
                };
        }
        if (v instanceof ListValue l) {
                List<Object> items = new ArrayList<>();
                for (Value item : l.items()) {
                    Object j = json(item);
                    if (j == null) {
                        return null;
                    }
                    items.add(j);
                }
                return items;
        }
        if (v instanceof BlockValue b) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Property p : b.properties()) {
                    Object j = json(p.value());
                    if (j == null) {
                        return null;
                    }
                    map.put(p.key(), j);
                }
                return map;
        }
        return notLiteral(v);
    }

    private Object notLiteral(Value v) {
        diagnostics.error("invalid-value", v.position(), "expected a literal (string, number, boolean, list or "
                + "{…}) but found " + v.describe());
        return null;
    }
}
