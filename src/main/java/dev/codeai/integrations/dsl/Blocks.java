package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.syntax.BlockValue;
import dev.codeai.integrations.dsl.syntax.Declaration;
import dev.codeai.integrations.dsl.syntax.FieldDecl;
import dev.codeai.integrations.dsl.syntax.FieldSpec;
import dev.codeai.integrations.dsl.syntax.IndexSpec;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Block bodies and properties (DSL.md §3.2): separators, duplicate keys, unknown keys and recovery to the
 * next property, plus the keys whose value has a grammar of its own (phrases, object types, documents).
 */
final class Blocks {

    private final TokenCursor in;
    private final Diagnostics diagnostics;
    private final Parser parser;
    private final ValueParser values;
    private final TypeParser types;

    Blocks(TokenCursor in, Diagnostics diagnostics, Parser parser, ValueParser values, TypeParser types) {
        this.in = in;
        this.diagnostics = diagnostics;
        this.parser = parser;
        this.values = values;
        this.types = types;
    }

    // Block ::= '{' ( Property Sep? )* '}'
    List<Property> body(BlockShape shape, String label) {
        return loop(shape, label, () -> shape == BlockShape.ENTITY ? entityMember() : property(shape));
    }

    // IntegrationMember ::= ( OperationDecl | IntegrationProp ) Sep?
    /** The integration's properties, or empty when it is written in the legacy syntax (reported, skipped whole). */
    Optional<List<Property>> integrationBody(String label, List<Declaration.Operation> operations) {
        int open = in.mark();
        Map<String, Position> operationNames = new HashMap<>();
        try {
            return Optional.of(loop(BlockShape.INTEGRATION, label, () -> {
                if (in.checkName("operation") && in.peekAt(1).is(TokenKind.NAME)) {
                    Declaration.Operation op = parser.operationDecl(label);
                    Position first = operationNames.putIfAbsent(op.name(), op.position());
                    if (first != null) {
                        diagnostics.error("duplicate-operation", op.position(), "duplicate operation '" + op.name()
                                + "' (first defined at line " + first.line() + ")");
                    } else {
                        operations.add(op);
                    }
                    return null;
                }
                legacyCheck();
                return property(BlockShape.INTEGRATION);
            }));
        } catch (LegacySyntax e) {
            in.reset(open);
            in.skipBalanced();
            return Optional.empty();
        }
    }

    private interface Member {
        Property parse();
    }

    private List<Property> loop(BlockShape shape, String label, Member member) {
        in.consume(TokenKind.LBRACE, "'{' to open the " + shape.name() + " block");
        List<Property> properties = new ArrayList<>();
        Map<String, Position> seen = new HashMap<>();
        while (!in.check(TokenKind.RBRACE) && !in.atEnd()) {
            int start = in.mark();
            try {
                Property p = member.parse();
                if (p != null && shape == BlockShape.OPEN && label.equals("headers")) {
                    properties.add(p);
                } else if (p != null) {
                    keep(shape, p, seen, properties);
                }
            } catch (ParseError e) {
                in.synchronizeInBlock(start);
            }
            separators();
        }
        if (in.atEnd()) {
            throw in.error(in.peek(), "expected '}' to close " + label + " but found end of file");
        }
        in.advance();
        return List.copyOf(properties);
    }

    private void keep(BlockShape shape, Property p, Map<String, Position> seen, List<Property> properties) {
        if (shape.repeatable().contains(p.key())) {
            properties.add(p);
            return;
        }
        // An entity's `description: "…"` documentation and a field named description are different members.
        boolean field = p.value() instanceof FieldSpec;
        Position first = seen.putIfAbsent((field ? "field " : "") + p.key(), p.position());
        if (first == null) {
            properties.add(p);
            return;
        }
        diagnostics.error(field ? "duplicate-field" : "duplicate-property", p.position(),
                "duplicate " + (field ? "field" : "property") + " '" + p.key() + "' (first defined at line "
                        + first.line() + ")");
    }

    private void separators() {
        while (in.check(TokenKind.COMMA) || in.check(TokenKind.SEMICOLON)) {
            Token sep = in.advance();
            if (sep.is(TokenKind.SEMICOLON)) {
                diagnostics.warning("semicolon-separator", sep.position(),
                        "';' is not needed between properties; a line break or ',' separates them");
            }
        }
    }

    // Property ::= Key ':' Value | Key ':'? Block | Key ':' NAME Block
    private Property property(BlockShape shape) {
        Token key = in.peek();
        if (!key.is(TokenKind.NAME) && !key.is(TokenKind.STRING)) {
            throw in.error(key, "expected a property name but found " + key.describe());
        }
        in.advance();
        String name = (String) key.value();
        boolean colon = in.match(TokenKind.COLON);
        if (!shape.knows(name)) {
            if (!colon && !in.check(TokenKind.LBRACE)) {
                requireColon(false, key); // a syntax error, not an unknown property
            }
            diagnostics.warning("unknown-property", key.position(), "unknown property '" + name + "' in "
                    + shape.name() + Names.didYouMean(name, shape.known()));
            return new Property(name, unknownValue(colon, key), key.position());
        }
        Value special = special(shape, name, colon, key);
        if (special != null) {
            return new Property(name, special, key.position());
        }
        if (in.check(TokenKind.LBRACE)) {
            Position open = in.peek().position();
            return new Property(name, new BlockValue(body(shape.nested(name), name), open), key.position());
        }
        requireColon(colon, key);
        if (in.check(TokenKind.NAME) && in.peekAt(1).is(TokenKind.LBRACE)) {
            return new Property(name, values.typedBlock(), key.position());
        }
        return new Property(name, values.value(), key.position());
    }

    private Value unknownValue(boolean colon, Token key) {
        if (in.check(TokenKind.LBRACE)) {
            Token open = in.peek();
            return new BlockValue(body(BlockShape.OPEN, key.text()), open.position());
        }
        requireColon(colon, key);
        return values.unknownValue();
    }

    private void requireColon(boolean colon, Token key) {
        if (!colon) {
            throw in.error(in.peek(), "expected ':' after property name '" + key.text() + "' but found "
                    + in.peek().describe());
        }
    }

    /** Keys whose value has its own grammar, or null for the general Value rules. */
    private Value special(BlockShape shape, String key, boolean colon, Token keyToken) {
        String rule = shape.name() + "." + key;
        switch (rule) {
            case "integration.retry" -> {
                requireColon(colon, keyToken);
                return values.retrySpec();
            }
            case "circuit_breaker.threshold" -> {
                requireColon(colon, keyToken);
                return values.thresholdSpec();
            }
            case "operation.query" -> {
                return in.check(TokenKind.LBRACE) ? types.objectType() : afterColon(colon, keyToken);
            }
            case "operation.variables", "operation.body", "endpoint.path", "endpoint.query", "endpoint.body",
                 "event.payload" -> {
                if (!in.check(TokenKind.LBRACE)) {
                    throw in.error(in.peek(), "expected '{' to open the " + key + " schema but found "
                            + in.peek().describe());
                }
                return types.objectType();
            }
            case "operation.returns", "endpoint.returns" -> {
                if (!colon && !in.check(TokenKind.LBRACE)) {
                    requireColon(false, keyToken);
                }
                return types.typeExpr();
            }
            case "event.trigger" -> {
                requireColon(colon, keyToken);
                if (!in.checkName("when")) {
                    throw in.error(in.peek(), "expected 'when' after 'trigger:' but found " + in.peek().describe());
                }
                in.advance();
                return values.looseValue();
            }
            default -> {
                return null;
            }
        }
    }

    private Value afterColon(boolean colon, Token key) {
        requireColon(colon, key);
        return values.value();
    }

    // EntityMember ::= 'description' ':' STRING | 'index' ':' '[' NAME ( ',' NAME )* ','? ']' 'unique'? | FieldDecl
    private Property entityMember() {
        Token first = in.peek();
        if (first.isName("description") && in.peekAt(1).is(TokenKind.COLON) && in.peekAt(2).is(TokenKind.STRING)) {
            in.advance();
            in.advance();
            Token doc = in.advance();
            return new Property("description", new Scalar(doc.kind(), doc.value(), doc.text(), doc.position()),
                    first.position());
        }
        if (first.isName("index") && in.peekAt(1).is(TokenKind.COLON)) {
            return new Property("index", index(), first.position());
        }
        FieldDecl field = types.fieldDecl();
        return new Property(field.name(), new FieldSpec(field, field.position()), field.position());
    }

    private IndexSpec index() {
        Token key = in.advance();
        in.advance();
        in.consume(TokenKind.LBRACKET, "'[' after 'index:'");
        List<Scalar> names = new ArrayList<>();
        do {
            if (in.check(TokenKind.RBRACKET)) {
                break;
            }
            Token n = in.consume(TokenKind.NAME, "a field name in the index");
            names.add(new Scalar(n.kind(), n.text(), n.text(), n.position()));
        } while (in.match(TokenKind.COMMA));
        in.consume(TokenKind.RBRACKET, "',' or ']' in the index");
        boolean unique = false;
        if (in.checkName("unique") && !in.peekAt(1).is(TokenKind.COLON) && !in.peekAt(1).is(TokenKind.LBRACE)) {
            in.advance();
            unique = true;
        }
        return new IndexSpec(List.copyOf(names), unique, key.position());
    }

    /** Legacy keyword syntax ({@code type rest}, {@code auth bearer { … }}): DSL.md §6 item 28. */
    private void legacyCheck() {
        Token key = in.peek();
        Token next = in.peekAt(1);
        boolean legacy = key.is(TokenKind.NAME) && BlockShape.INTEGRATION.known().contains(key.text())
                && !key.isName("operation")
                && (next.is(TokenKind.NAME) || next.is(TokenKind.STRING)) && !in.peekAt(2).is(TokenKind.COLON);
        if (legacy) {
            diagnostics.error("legacy-syntax", key.position(), "legacy integration syntax; write '" + key.text()
                    + ": " + next.text() + "' (properties take a colon: `type: rest`, `base_url: …`)");
            throw new LegacySyntax();
        }
    }

    /** Unwinds a declaration written in the legacy syntax, which is skipped whole after one error. */
    private static final class LegacySyntax extends RuntimeException {
        LegacySyntax() {
            super(null, null, false, false);
        }
    }
}
