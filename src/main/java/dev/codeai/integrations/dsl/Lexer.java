package dev.codeai.integrations.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns source text into tokens (DSL.md §2). Lexical errors go to the diagnostics and the lexer
 * resynchronises, so a file always yields a token list ending in EOF.
 */
public final class Lexer {

    private static final Set<String> ENDPOINT_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final SourceReader in;
    private final NumberScanner numbers;
    private final Diagnostics diagnostics;
    private final List<Token> tokens = new ArrayList<>();
    private int depth;

    public Lexer(String file, String text, Diagnostics diagnostics) {
        this.in = new SourceReader(file, text);
        this.numbers = new NumberScanner(in, diagnostics);
        this.diagnostics = diagnostics;
    }

    public List<Token> tokenize() {
        while (true) {
            skipWhitespaceAndComments();
            if (in.atEnd()) {
                tokens.add(new Token(TokenKind.EOF, "", "", in.here(), true));
                return tokens;
            }
            scanToken();
        }
    }

    private void scanToken() {
        Position start = in.here();
        int c = in.peek(0);
        if (c == '"' && in.peek(1) == '"' && in.peek(2) == '"') {
            textBlock(start);
        } else if (c == '"') {
            string(start);
        } else if (Chars.isDigit(c) || (c == '-' && Chars.isDigit(in.peek(1)))) {
            add(numbers.number(start), start);
        } else if (c == '.' && Chars.isDigit(in.peek(1))) {
            add(numbers.leadingDot(start), start);
        } else if (Chars.isNameStart(c)) {
            name(start);
        } else if (c == '/' && pathModeHere()) {
            path(start);
        } else {
            punctuation(start, c);
        }
    }

    private void punctuation(Position start, int c) {
        TokenKind kind = switch (c) {
            case '{' -> TokenKind.LBRACE;
            case '}' -> TokenKind.RBRACE;
            case '(' -> TokenKind.LPAREN;
            case ')' -> TokenKind.RPAREN;
            case '[' -> TokenKind.LBRACKET;
            case ']' -> TokenKind.RBRACKET;
            case ':' -> TokenKind.COLON;
            case ',' -> TokenKind.COMMA;
            case '.' -> TokenKind.DOT;
            case ';' -> TokenKind.SEMICOLON;
            default -> null;
        };
        if (kind == null) {
            diagnostics.error("unexpected-character", start,
                    "unexpected character '" + Character.toString(c) + "'" + codePointHint(c));
            while (!in.atEnd() && !Chars.isWhitespace(in.peek(0))) {
                in.advance();
            }
            return;
        }
        in.advance();
        if (kind == TokenKind.LBRACE) {
            depth++;
        } else if (kind == TokenKind.RBRACE) {
            depth = Math.max(0, depth - 1);
        }
        add(kind, Character.toString(c), Character.toString(c), start);
    }

    private static String codePointHint(int c) {
        return c < 0x20 || c > 0x7e ? String.format(" (U+%04X)", c) : "";
    }

    private void name(Position start) {
        int from = in.offset();
        in.advance();
        while (true) {
            if (Chars.isNameChar(in.peek(0))) {
                in.advance();
            } else if (in.peek(0) == '-' && Chars.isNameChar(in.peek(1))) {
                in.advance();
            } else {
                break;
            }
        }
        String text = in.text(from);
        add(TokenKind.NAME, text, text, start);
    }

    private void string(Position start) {
        int from = in.offset();
        in.advance();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (in.atEnd() || Chars.isLineBreak(in.peek(0))) {
                diagnostics.error("unterminated-string", start,
                        "unterminated string: a string must close on its line (use \"\"\" for multi-line text)");
                break;
            }
            int c = in.peek(0);
            if (c == '"') {
                in.advance();
                break;
            }
            if (c == '\\') {
                escape(value);
                continue;
            }
            value.appendCodePoint(c);
            in.advance();
        }
        add(TokenKind.STRING, in.text(from), value.toString(), start);
    }

    private void escape(StringBuilder value) {
        Position at = in.here();
        in.advance();
        int c = in.atEnd() ? -1 : in.peek(0);
        switch (c) {
            case '"', '\\', '/' -> value.appendCodePoint(c);
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'u' -> {
                unicodeEscape(value, at);
                return;
            }
            default -> {
                if (c == -1 || Chars.isLineBreak(c)) {
                    return;
                }
                diagnostics.error("invalid-escape", at, "unknown escape '\\" + Character.toString(c)
                        + "': expected one of \\\" \\\\ \\/ \\n \\r \\t \\b \\f \\uXXXX");
            }
        }
        in.advance();
    }

    private void unicodeEscape(StringBuilder value, Position at) {
        in.advance();
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(in.peek(0), 16);
            if (in.atEnd() || digit < 0) {
                diagnostics.error("invalid-escape", at, "'\\u' must be followed by four hex digits");
                return;
            }
            code = code * 16 + digit;
            in.advance();
        }
        value.append((char) code);
    }

    private void textBlock(Position start) {
        int from = in.offset();
        in.advance();
        in.advance();
        in.advance();
        int contentStart = in.offset();
        while (!in.atEnd() && !(in.peek(0) == '"' && in.peek(1) == '"' && in.peek(2) == '"')) {
            in.advance();
        }
        String raw = in.text(contentStart);
        if (in.atEnd()) {
            diagnostics.error("unterminated-text-block", start, "unterminated text block: expected a closing \"\"\"");
        } else {
            in.advance();
            in.advance();
            in.advance();
        }
        add(TokenKind.TEXT_BLOCK, in.text(from), TextBlocks.normalise(raw), start);
    }

    private boolean pathModeHere() {
        int n = tokens.size();
        return depth == 0 && n >= 2
                && tokens.get(n - 2).isName("endpoint")
                && tokens.get(n - 1).is(TokenKind.NAME)
                && ENDPOINT_METHODS.contains(tokens.get(n - 1).text());
    }

    private void path(Position start) {
        int from = in.offset();
        boolean valid = true;
        while (!in.atEnd() && !Chars.isWhitespace(in.peek(0))) {
            int c = in.peek(0);
            if (c == '{') {
                int close = parameterEnd();
                if (close < 0) {
                    if (in.offset() > from && (in.peek(1) == -1 || Chars.isWhitespace(in.peek(1)))) {
                        diagnostics.error("missing-space-before-block", in.here(),
                                "missing space before block: write a space between the path and '{'");
                        break;
                    }
                    diagnostics.error("invalid-path", in.here(),
                            "malformed path parameter: expected '{name}' with no spaces inside the braces");
                    valid = false;
                    in.advance();
                    continue;
                }
                while (in.offset() <= close) {
                    in.advance();
                }
                continue;
            }
            if (!Chars.isSegChar(c) && c != '/') {
                if (valid) {
                    diagnostics.error("invalid-path", in.here(), "unexpected character '" + Character.toString(c)
                            + "' in endpoint path: expected letters, digits, '._~-', '/' or '{name}'");
                }
                valid = false;
            }
            in.advance();
        }
        String text = in.text(from);
        add(TokenKind.PATH, text, valid ? text : null, start); // null: reported, the endpoint is dropped
    }

    /** Index of the '}' closing a well-formed {NAME} at pos, or -1. */
    private int parameterEnd() {
        int i = in.offset() + 1;
        if (!Chars.isNameStart(in.at(i))) {
            return -1;
        }
        while (Chars.isNameChar(in.at(i)) || (in.at(i) == '-' && Chars.isNameChar(in.at(i + 1)))) {
            i++;
        }
        return in.at(i) == '}' ? i : -1;
    }

    private void skipWhitespaceAndComments() {
        while (!in.atEnd()) {
            int c = in.peek(0);
            if (Chars.isWhitespace(c)) {
                in.advance();
            } else if (c == '/' && in.peek(1) == '/') {
                while (!in.atEnd() && !Chars.isLineBreak(in.peek(0))) {
                    in.advance();
                }
            } else if (c == '/' && in.peek(1) == '*') {
                Position start = in.here();
                in.advance();
                in.advance();
                while (!in.atEnd() && !(in.peek(0) == '*' && in.peek(1) == '/')) {
                    in.advance();
                }
                if (in.atEnd()) {
                    diagnostics.error("unterminated-comment", start, "unterminated comment: expected '*/'");
                } else {
                    in.advance();
                    in.advance();
                }
            } else {
                return;
            }
        }
    }

    private void add(TokenKind kind, String text, Object value, Position start) {
        boolean newline = in.takeNewline();
        tokens.add(new Token(kind, text, value, start, newline || tokens.isEmpty()));
    }

    private void add(NumberScanner.Scanned scanned, Position start) {
        add(scanned.kind(), scanned.text(), scanned.value(), start);
    }
}
