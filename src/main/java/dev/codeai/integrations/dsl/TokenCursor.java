package dev.codeai.integrations.dsl;

import java.util.List;

/** The parser's position in the token list, with the helpers of a textbook recursive-descent parser. */
final class TokenCursor {

    private final List<Token> tokens;
    private final Diagnostics diagnostics;
    private int current;

    TokenCursor(List<Token> tokens, Diagnostics diagnostics) {
        this.tokens = tokens;
        this.diagnostics = diagnostics;
    }

    Token peek() {
        return tokens.get(current);
    }

    Token peekAt(int ahead) {
        return tokens.get(Math.min(current + ahead, tokens.size() - 1));
    }

    Token previous() {
        return tokens.get(Math.max(0, current - 1));
    }

    boolean atEnd() {
        return peek().is(TokenKind.EOF);
    }

    boolean check(TokenKind kind) {
        return peek().is(kind);
    }

    boolean checkName(String name) {
        return peek().isName(name);
    }

    Token advance() {
        Token t = peek();
        if (!atEnd()) {
            current++;
        }
        return t;
    }

    boolean match(TokenKind kind) {
        if (check(kind)) {
            advance();
            return true;
        }
        return false;
    }

    Token consume(TokenKind kind, String expectation) {
        if (check(kind)) {
            return advance();
        }
        throw error(peek(), "expected " + expectation + " but found " + peek().describe());
    }

    /** Reports a syntax error at {@code at}, unless the lexer already reported the token itself. */
    ParseError error(Token at, String message) {
        if (!diagnostics.hasErrorAt(at.position())) {
            diagnostics.error("syntax", at.position(), message);
        }
        return new ParseError();
    }

    int mark() {
        return current;
    }

    void reset(int mark) {
        current = mark;
    }

    /** True when the next tokens are {@code Key :} (or {@code Key {}), i.e. a property starts here. */
    boolean atPropertyStart() {
        Token t = peek();
        boolean key = t.is(TokenKind.NAME) || t.is(TokenKind.STRING);
        return key && (peekAt(1).is(TokenKind.COLON) || peekAt(1).is(TokenKind.LBRACE));
    }

    /**
     * Skips to the next property of the current block (a {@code Key :} at this depth, or a {@code Key {} that
     * starts a line) or to the block's closing brace, always moving at least one token.
     */
    void synchronizeInBlock(int startMark) {
        if (current == startMark) {
            advance();
        }
        int depth = 0;
        while (!atEnd()) {
            Token t = peek();
            if (depth == 0 && t.is(TokenKind.RBRACE)) {
                return;
            }
            if (depth == 0 && atPropertyStart() && (t.newlineBefore() || peekAt(1).is(TokenKind.COLON))) {
                return;
            }
            switch (t.kind()) {
                case LBRACE, LBRACKET, LPAREN -> depth++;
                case RBRACE, RBRACKET, RPAREN -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            advance();
        }
    }

    /** Skips a whole top-level declaration: up to its block's balanced closing brace. */
    void skipDeclaration() {
        if (!atEnd() && !check(TokenKind.LBRACE)) {
            advance();
        }
        while (!atEnd() && !check(TokenKind.LBRACE)) {
            if (peek().newlineBefore() && current > 0 && peek().is(TokenKind.NAME) && !previous().is(TokenKind.NAME)
                    && looksLikeDeclarationStart()) {
                return;
            }
            advance();
        }
        skipBalanced();
    }

    private boolean looksLikeDeclarationStart() {
        return switch (peek().text()) {
            case "config", "entity", "integration", "endpoint", "event" -> true;
            default -> false;
        };
    }

    /** At a '{': skips to just past its matching '}'. */
    void skipBalanced() {
        int depth = 0;
        while (!atEnd()) {
            Token t = advance();
            if (t.is(TokenKind.LBRACE)) {
                depth++;
            } else if (t.is(TokenKind.RBRACE)) {
                depth--;
                if (depth <= 0) {
                    return;
                }
            }
        }
    }
}
