package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.syntax.BlockValue;
import dev.codeai.integrations.dsl.syntax.CallValue;
import dev.codeai.integrations.dsl.syntax.Declaration;
import dev.codeai.integrations.dsl.syntax.ListValue;
import dev.codeai.integrations.dsl.syntax.LooseValue;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.RefValue;
import dev.codeai.integrations.dsl.syntax.RetryPhrase;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.SourceFile;
import dev.codeai.integrations.dsl.syntax.ThresholdPhrase;
import dev.codeai.integrations.dsl.syntax.TypedBlockValue;
import dev.codeai.integrations.dsl.syntax.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser for DSL.md §3, one method per grammar rule in the document's order. Syntax
 * errors are reported and recovered from (§6, "Error reporting and recovery"), so one run reports all.
 */
public final class Parser {

    private static final Set<String> KEYWORDS = Set.of("config", "entity", "integration", "endpoint", "event");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final String file;
    private final TokenCursor in;
    private final Diagnostics diagnostics;
    private final TypeParser types;
    private final Blocks blocks;
    private final List<Position[]> foreignRanges = new ArrayList<>();

    public Parser(String file, List<Token> tokens, Diagnostics diagnostics) {
        this.file = file;
        this.in = new TokenCursor(tokens, diagnostics);
        this.diagnostics = diagnostics;
        this.types = new TypeParser(in, diagnostics, this::value);
        this.blocks = new Blocks(in, diagnostics, this);
    }

    /** Lexes and parses {@code text}; all problems go to {@code diagnostics}. */
    public static SourceFile parse(String file, String text, Diagnostics diagnostics) {
        List<Token> tokens = new Lexer(file, text, diagnostics).tokenize();
        return new Parser(file, tokens, diagnostics).file();
    }

    // File ::= TopDecl* EOF
    SourceFile file() {
        List<Declaration> declarations = new ArrayList<>();
        while (!in.atEnd()) {
            diagnostics.context("");
            int start = in.mark();
            try {
                topDecl().ifPresent(declarations::add);
            } catch (ParseError e) {
                in.reset(start);
                in.skipDeclaration();
            }
        }
        diagnostics.context("");
        dropLexicalErrorsInForeignBlocks();
        return new SourceFile(file, List.copyOf(declarations));
    }

    // TopDecl ::= ConfigDecl | EntityDecl | IntegrationDecl | EndpointDecl | EventDecl | ForeignDecl
    private Optional<Declaration> topDecl() {
        Token word = in.peek();
        if (!word.is(TokenKind.NAME)) {
            throw in.error(word, "expected a declaration (config, entity, integration, endpoint or event) but found "
                    + word.describe());
        }
        return switch (word.text()) {
            case "config" -> Optional.of(configDecl());
            case "entity" -> Optional.of(entityDecl());
            case "integration" -> Optional.of(integrationDecl());
            case "endpoint" -> Optional.of(endpointDecl());
            case "event" -> Optional.of(eventDecl());
            default -> {
                foreignDecl();
                yield Optional.empty();
            }
        };
    }

    // ConfigDecl ::= 'config' '{' ( ConfigProp Sep? )* '}'
    private Declaration configDecl() {
        Token keyword = in.advance();
        diagnostics.context("config");
        return new Declaration.Config(blocks.body(BlockShape.CONFIG, "config"), keyword.position());
    }

    // EntityDecl ::= 'entity' NAME '{' ( EntityMember Sep? )* '}'
    private Declaration entityDecl() {
        Token keyword = in.advance();
        Token name = in.consume(TokenKind.NAME, "an entity name after 'entity'");
        diagnostics.context("entity " + name.text());
        List<Property> members = blocks.body(BlockShape.ENTITY, "entity " + name.text());
        return new Declaration.Entity(name.text(), members, keyword.position());
    }

    // IntegrationDecl ::= 'integration' NAME '{' IntegrationMember* '}'
    private Declaration integrationDecl() {
        Token keyword = in.advance();
        Token name = in.consume(TokenKind.NAME, "an integration name after 'integration'");
        String label = "integration " + name.text();
        diagnostics.context(label);
        List<Declaration.Operation> operations = new ArrayList<>();
        List<Property> properties = blocks.integrationBody(label, operations);
        return new Declaration.Integration(name.text(), properties, List.copyOf(operations), keyword.position());
    }

    // OperationDecl ::= 'operation' NAME '{' ( OperationProp Sep? )* '}'
    Declaration.Operation operationDecl(String integrationLabel) {
        Token keyword = in.advance();
        Token name = in.consume(TokenKind.NAME, "an operation name after 'operation'");
        String outer = diagnostics.context();
        diagnostics.context(integrationLabel + ", operation " + name.text());
        try {
            List<Property> properties = blocks.body(BlockShape.OPERATION, "operation " + name.text());
            return new Declaration.Operation(name.text(), properties, keyword.position());
        } finally {
            diagnostics.context(outer);
        }
    }

    // EndpointDecl ::= 'endpoint' HttpMethod PATH '{' ( EndpointProp Sep? )* '}'
    private Declaration endpointDecl() {
        Token keyword = in.advance();
        Token method = in.peek();
        if (!method.is(TokenKind.NAME) || !HTTP_METHODS.contains(method.text())) {
            throw in.error(method, "expected an HTTP method (GET, POST, PUT, PATCH or DELETE) after 'endpoint' but found "
                    + method.describe());
        }
        in.advance();
        Token path = in.consume(TokenKind.PATH, "a path starting with '/' after 'endpoint " + method.text() + "'");
        String label = "endpoint " + method.text() + " " + path.text();
        diagnostics.context(label);
        List<Property> properties = blocks.body(BlockShape.ENDPOINT, label);
        return new Declaration.Endpoint(method.text(), path.text(), path.position(), properties, keyword.position());
    }

    // EventDecl ::= 'event' NAME '{' ( EventProp Sep? )* '}'
    private Declaration eventDecl() {
        Token keyword = in.advance();
        Token name = in.consume(TokenKind.NAME, "an event name after 'event'");
        diagnostics.context("event " + name.text());
        return new Declaration.Event(name.text(), blocks.body(BlockShape.EVENT, "event " + name.text()),
                keyword.position());
    }

    // ForeignDecl ::= NAME NAME? Block
    private void foreignDecl() {
        Token word = in.advance();
        Optional<String> keyword = Names.closest(word.text(), KEYWORDS, 2);
        if (keyword.isPresent()) {
            diagnostics.error("misspelled-keyword", word.position(), "unknown declaration '" + word.text()
                    + "'; did you mean '" + keyword.get() + "'?");
            in.skipDeclaration();
            return;
        }
        if (in.check(TokenKind.NAME) && in.peekAt(1).is(TokenKind.LBRACE)) {
            in.advance();
        }
        if (!in.check(TokenKind.LBRACE)) {
            throw in.error(in.peek(), "expected a declaration (config, entity, integration, endpoint or event) but found "
                    + word.describe());
        }
        diagnostics.warning("foreign-declaration", word.position(),
                "'" + word.text() + "' blocks are not part of the integrations DSL; skipped");
        in.skipBalanced();
        foreignRanges.add(new Position[] {word.position(), in.previous().position()});
    }

    private void dropLexicalErrorsInForeignBlocks() {
        Set<String> lexical = Set.of("unexpected-character", "unknown-duration-unit", "fractional-duration",
                "invalid-number", "invalid-escape", "invalid-path", "missing-space-before-block");
        diagnostics.removeIf(d -> lexical.contains(d.code()) && foreignRanges.stream().anyMatch(r -> within(d.position(), r)));
    }

    private static boolean within(Position p, Position[] range) {
        return compare(p, range[0]) >= 0 && compare(p, range[1]) <= 0;
    }

    private static int compare(Position a, Position b) {
        return a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column());
    }

    // Value ::= Scalar | List | Call | Ref | Block
    Value value() {
        Token t = in.peek();
        switch (t.kind()) {
            case STRING, TEXT_BLOCK, INT, DECIMAL, DURATION -> {
                in.advance();
                return new Scalar(t.kind(), t.value(), t.text(), t.position());
            }
            case NAME -> {
                if (in.peekAt(1).is(TokenKind.LPAREN)) {
                    return call();
                }
                if (in.peekAt(1).is(TokenKind.DOT)) {
                    return ref();
                }
                in.advance();
                if (t.text().equals("null")) {
                    diagnostics.error("reserved-null", t.position(), "'null' is reserved: leave the property out instead");
                }
                return new Scalar(t.kind(), t.text(), t.text(), t.position());
            }
            case LBRACKET -> {
                return list();
            }
            case LBRACE -> {
                return new BlockValue(blocks.body(BlockShape.OPEN, "block"), t.position());
            }
            default -> throw in.error(t, "expected a value but found " + t.describe());
        }
    }

    /** {@code Key ':' NAME Block} — a typed block such as {@code postgres { … }}. */
    Value typedBlock() {
        Token type = in.advance();
        return new TypedBlockValue(type.text(), new BlockValue(blocks.body(BlockShape.OPEN, type.text()), type.position()),
                type.position());
    }

    // List ::= '[' ( Value ( ',' Value )* ','? )? ']'
    private ListValue list() {
        Token open = in.advance();
        List<Value> items = new ArrayList<>();
        while (!in.check(TokenKind.RBRACKET)) {
            items.add(value());
            if (!in.match(TokenKind.COMMA)) {
                break;
            }
        }
        in.consume(TokenKind.RBRACKET, "',' or ']' in the list");
        return new ListValue(List.copyOf(items), open.position());
    }

    // Call ::= NAME '(' ( Arg ( ',' Arg )* ','? )? ')'     Arg ::= ( NAME ':' )? Value
    private CallValue call() {
        Token name = in.advance();
        in.advance();
        List<CallValue.Arg> args = new ArrayList<>();
        while (!in.check(TokenKind.RPAREN)) {
            Token start = in.peek();
            String argName = "";
            if (start.is(TokenKind.NAME) && in.peekAt(1).is(TokenKind.COLON)) {
                argName = start.text();
                in.advance();
                in.advance();
            }
            args.add(new CallValue.Arg(argName, value(), start.position()));
            if (!in.match(TokenKind.COMMA)) {
                break;
            }
        }
        in.consume(TokenKind.RPAREN, "',' or ')' in the arguments of " + name.text() + "(…)");
        return new CallValue(name.text(), List.copyOf(args), name.position());
    }

    // Ref ::= NAME ( '.' NAME )+
    private RefValue ref() {
        Token first = in.advance();
        List<String> parts = new ArrayList<>(List.of(first.text()));
        while (in.match(TokenKind.DOT)) {
            parts.add(in.consume(TokenKind.NAME, "a name after '.'").text());
        }
        return new RefValue(List.copyOf(parts), first.position());
    }

    /** The value of an unknown key: a Value if it parses and ends the property, else LooseValue (§6 item 1). */
    Value unknownValue() {
        int mark = in.mark();
        int reported = diagnostics.mark();
        try {
            Value v = value();
            if (endsProperty()) {
                return v;
            }
        } catch (ParseError e) {
            diagnostics.reset(reported);
        }
        in.reset(mark);
        return looseValue();
    }

    private boolean endsProperty() {
        Token next = in.peek();
        return next.newlineBefore() || next.is(TokenKind.RBRACE) || next.is(TokenKind.COMMA)
                || next.is(TokenKind.SEMICOLON) || next.is(TokenKind.EOF) || in.atPropertyStart();
    }

    // LooseValue ::= ( Scalar | Call | List )+   — up to the end of the line
    LooseValue looseValue() {
        Token first = in.peek();
        if (first.is(TokenKind.RBRACE) || first.is(TokenKind.EOF)) {
            throw in.error(first, "expected a value but found " + first.describe());
        }
        StringBuilder text = new StringBuilder();
        int depth = 0;
        do {
            Token t = in.peek();
            if (t.is(TokenKind.LBRACE) || t.is(TokenKind.LBRACKET) || t.is(TokenKind.LPAREN)) {
                depth++;
            } else if (t.is(TokenKind.RBRACE) || t.is(TokenKind.RBRACKET) || t.is(TokenKind.RPAREN)) {
                if (depth == 0 && t.is(TokenKind.RBRACE)) {
                    break;
                }
                depth = Math.max(0, depth - 1);
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(t.text());
            in.advance();
        } while (!in.atEnd() && (depth > 0 || !in.peek().newlineBefore()));
        return new LooseValue(text.toString(), first.position());
    }

    // RetrySpec ::= INT ( 'times' | 'time' ) ( 'with' Strategy )?
    RetryPhrase retrySpec() {
        Token count = in.consume(TokenKind.INT, "a retry count such as '3 times'");
        Token unit = in.peek();
        if (!unit.isName("times") && !unit.isName("time")) {
            throw in.error(unit, "expected 'times' after the retry count but found " + unit.describe());
        }
        in.advance();
        if (in.checkName("with")) {
            in.advance();
            Token strategy = in.consume(TokenKind.NAME,
                    "a strategy (exponential_backoff, linear_backoff or fixed_backoff) after 'with'");
            return new RetryPhrase((Long) count.value(), strategy.text(), strategy.position(), count.position());
        }
        return new RetryPhrase((Long) count.value(), "", count.position(), count.position());
    }

    // ThresholdSpec ::= INT ( 'failures' | 'failure' ) ( 'in' DURATION )? | INT 'consecutive' ( 'failures' | 'failure' )
    ThresholdPhrase thresholdSpec() {
        Token count = in.consume(TokenKind.INT, "a failure count such as '5 failures in 1m'");
        boolean consecutive = false;
        if (in.checkName("consecutive")) {
            in.advance();
            consecutive = true;
        }
        Token unit = in.peek();
        if (!unit.isName("failures") && !unit.isName("failure")) {
            throw in.error(unit, "expected 'failures' after the threshold count but found " + unit.describe());
        }
        in.advance();
        Optional<Duration> window = Optional.empty();
        Position windowAt = count.position();
        if (in.checkName("in")) {
            Token inWord = in.advance();
            Token d = in.consume(TokenKind.DURATION, "a duration after 'in' such as '1m'");
            window = Optional.of((Duration) d.value());
            windowAt = d.position();
            if (consecutive) {
                diagnostics.error("threshold-conflict", inWord.position(),
                        "a threshold is either 'N consecutive failures' or 'N failures in D', not both");
            }
        }
        return new ThresholdPhrase((Long) count.value(), consecutive, window, windowAt, count.position());
    }

    TypeParser types() {
        return types;
    }
}
