package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.syntax.Declaration;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.SourceFile;
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
    private final Blocks blocks;
    private final List<Position[]> foreignRanges = new ArrayList<>();

    public Parser(String file, List<Token> tokens, Diagnostics diagnostics) {
        this.file = file;
        this.in = new TokenCursor(tokens, diagnostics);
        this.diagnostics = diagnostics;
        ValueParser values = new ValueParser(in, diagnostics, this::openBlockBody);
        TypeParser types = new TypeParser(in, diagnostics, values::value);
        this.blocks = new Blocks(in, diagnostics, this, values, types);
    }

    private List<Property> openBlockBody(String label) {
        return blocks.body(BlockShape.OPEN, label);
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
            case "integration" -> integrationDecl();
            case "endpoint" -> endpointDecl();
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
    private Optional<Declaration> integrationDecl() {
        Token keyword = in.advance();
        Token name = in.consume(TokenKind.NAME, "an integration name after 'integration'");
        String label = "integration " + name.text();
        diagnostics.context(label);
        List<Declaration.Operation> operations = new ArrayList<>();
        return blocks.integrationBody(label, operations).map(properties -> new Declaration.Integration(name.text(),
                properties, List.copyOf(operations), keyword.position()));
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
    // An endpoint whose path the lexer rejected is read for its other errors, then dropped.
    private Optional<Declaration> endpointDecl() {
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
        if (path.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new Declaration.Endpoint(method.text(), path.text(), path.position(), properties,
                keyword.position()));
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

}
