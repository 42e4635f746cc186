package dev.codeai.integrations.dsl;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns source text into tokens (DSL.md §2). Lexical errors go to the diagnostics and the lexer
 * resynchronises, so a file always yields a token list ending in EOF.
 */
public final class Lexer {

    private static final Set<String> ENDPOINT_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final String file;
    private final int[] src;
    private final Diagnostics diagnostics;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int column = 1;
    private boolean newlineBefore;
    private int depth;

    public Lexer(String file, String text, Diagnostics diagnostics) {
        this.file = file;
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.src = body.codePoints().toArray();
        this.diagnostics = diagnostics;
    }

    public List<Token> tokenize() {
        while (true) {
            skipWhitespaceAndComments();
            if (atEnd()) {
                tokens.add(new Token(TokenKind.EOF, "", "", here(), true));
                return tokens;
            }
            scanToken();
        }
    }

    private void scanToken() {
        Position start = here();
        int c = peek(0);
        if (c == '"' && peek(1) == '"' && peek(2) == '"') {
            textBlock(start);
        } else if (c == '"') {
            string(start);
        } else if (isDigit(c) || (c == '-' && isDigit(peek(1)))) {
            number(start);
        } else if (c == '.' && isDigit(peek(1))) {
            int from = pos;
            advance();
            while (isDigit(peek(0))) {
                advance();
            }
            diagnostics.error("invalid-number", start,
                    "invalid number '" + text(from) + "': write a digit before the decimal point");
            add(TokenKind.DECIMAL, text(from), BigDecimal.ZERO, start);
        } else if (isNameStart(c)) {
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
            while (!atEnd() && !isWhitespace(peek(0))) {
                advance();
            }
            return;
        }
        advance();
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
        int from = pos;
        advance();
        while (true) {
            if (isNameChar(peek(0))) {
                advance();
            } else if (peek(0) == '-' && isNameChar(peek(1))) {
                advance();
            } else {
                break;
            }
        }
        String text = text(from);
        add(TokenKind.NAME, text, text, start);
    }

    private void number(Position start) {
        int from = pos;
        boolean negative = peek(0) == '-';
        if (negative) {
            advance();
        }
        while (isDigit(peek(0))) {
            advance();
        }
        if (isLetter(peek(0))) {
            duration(start, from, negative);
            return;
        }
        if (peek(0) == '.' && isDigit(peek(1))) {
            advance();
            while (isDigit(peek(0))) {
                advance();
            }
            if (isLetter(peek(0))) {
                while (isNameChar(peek(0))) {
                    advance();
                }
                diagnostics.error("fractional-duration", start, "duration '" + text(from)
                        + "' must be a whole number: write it in a smaller unit (e.g. 90m instead of 1.5h)");
                add(TokenKind.DURATION, text(from), Duration.ZERO, start);
                return;
            }
            add(TokenKind.DECIMAL, text(from), new BigDecimal(text(from)), start);
            return;
        }
        if (peek(0) == '.' && !isNameStart(peek(1))) {
            advance();
            diagnostics.error("invalid-number", start,
                    "invalid number '" + text(from) + "': write a digit after the decimal point");
            add(TokenKind.DECIMAL, text(from), BigDecimal.ZERO, start);
            return;
        }
        String digits = text(from);
        long value = 0;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            diagnostics.error("invalid-number", start, "integer '" + digits + "' is out of the 64-bit range");
        }
        add(TokenKind.INT, digits, value, start);
    }

    private void duration(Position start, int from, boolean negative) {
        int digitsEnd = pos;
        while (isLetter(peek(0))) {
            advance();
        }
        String unit = new String(src, digitsEnd, pos - digitsEnd);
        boolean trailing = isNameChar(peek(0));
        while (isNameChar(peek(0))) {
            advance();
        }
        String text = text(from);
        Duration value = Duration.ZERO;
        if (negative) {
            diagnostics.error("invalid-number", start, "duration '" + text + "' cannot be negative");
        } else if (trailing || unitOf(unit) == null) {
            String shown = trailing ? text.substring(digitsEnd - from) : unit;
            diagnostics.error("unknown-duration-unit", start, "unknown duration unit '" + shown + "' in '" + text
                    + "': expected one of ms, s, m, h, d directly after the number");
        } else {
            value = toDuration(new String(src, from, digitsEnd - from), unit, start);
        }
        add(TokenKind.DURATION, text, value, start);
    }

    private Duration toDuration(String digits, String unit, Position start) {
        try {
            long n = Long.parseLong(digits);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            diagnostics.error("invalid-number", start, "duration '" + digits + unit + "' is too large");
            return Duration.ZERO;
        }
    }

    private static String unitOf(String unit) {
        return switch (unit) {
            case "ms", "s", "m", "h", "d" -> unit;
            default -> null;
        };
    }

    private void string(Position start) {
        int from = pos;
        advance();
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd() || isLineBreak(peek(0))) {
                diagnostics.error("unterminated-string", start,
                        "unterminated string: a string must close on its line (use \"\"\" for multi-line text)");
                break;
            }
            int c = peek(0);
            if (c == '"') {
                advance();
                break;
            }
            if (c == '\\') {
                escape(value);
                continue;
            }
            value.appendCodePoint(c);
            advance();
        }
        add(TokenKind.STRING, text(from), value.toString(), start);
    }

    private void escape(StringBuilder value) {
        Position at = here();
        advance();
        int c = atEnd() ? -1 : peek(0);
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
                if (c == -1 || isLineBreak(c)) {
                    return;
                }
                diagnostics.error("invalid-escape", at, "unknown escape '\\" + Character.toString(c)
                        + "': expected one of \\\" \\\\ \\/ \\n \\r \\t \\b \\f \\uXXXX");
            }
        }
        advance();
    }

    private void unicodeEscape(StringBuilder value, Position at) {
        advance();
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(peek(0), 16);
            if (atEnd() || digit < 0) {
                diagnostics.error("invalid-escape", at, "'\\u' must be followed by four hex digits");
                return;
            }
            code = code * 16 + digit;
            advance();
        }
        value.append((char) code);
    }

    private void textBlock(Position start) {
        int from = pos;
        advance();
        advance();
        advance();
        int contentStart = pos;
        while (!atEnd() && !(peek(0) == '"' && peek(1) == '"' && peek(2) == '"')) {
            advance();
        }
        String raw = new String(src, contentStart, pos - contentStart);
        if (atEnd()) {
            diagnostics.error("unterminated-text-block", start, "unterminated text block: expected a closing \"\"\"");
        } else {
            advance();
            advance();
            advance();
        }
        add(TokenKind.TEXT_BLOCK, text(from), TextBlocks.normalise(raw), start);
    }

    private boolean pathModeHere() {
        int n = tokens.size();
        return depth == 0 && n >= 2
                && tokens.get(n - 2).isName("endpoint")
                && tokens.get(n - 1).is(TokenKind.NAME)
                && ENDPOINT_METHODS.contains(tokens.get(n - 1).text());
    }

    private void path(Position start) {
        int from = pos;
        boolean valid = true;
        while (!atEnd() && !isWhitespace(peek(0))) {
            int c = peek(0);
            if (c == '{') {
                int close = parameterEnd();
                if (close < 0) {
                    if (pos > from && (pos + 1 >= src.length || isWhitespace(peek(1)))) {
                        diagnostics.error("missing-space-before-block", here(),
                                "missing space before block: write a space between the path and '{'");
                        break;
                    }
                    diagnostics.error("invalid-path", here(),
                            "malformed path parameter: expected '{name}' with no spaces inside the braces");
                    valid = false;
                    advance();
                    continue;
                }
                while (pos <= close) {
                    advance();
                }
                continue;
            }
            if (!isSegChar(c) && c != '/') {
                if (valid) {
                    diagnostics.error("invalid-path", here(), "unexpected character '" + Character.toString(c)
                            + "' in endpoint path: expected letters, digits, '._~-', '/' or '{name}'");
                }
                valid = false;
            }
            advance();
        }
        String text = text(from);
        add(TokenKind.PATH, text, text, start);
    }

    /** Index of the '}' closing a well-formed {NAME} at pos, or -1. */
    private int parameterEnd() {
        int i = pos + 1;
        if (i >= src.length || !isNameStart(src[i])) {
            return -1;
        }
        while (i < src.length && (isNameChar(src[i]) || (src[i] == '-' && i + 1 < src.length && isNameChar(src[i + 1])))) {
            i++;
        }
        return i < src.length && src[i] == '}' ? i : -1;
    }

    private void skipWhitespaceAndComments() {
        while (!atEnd()) {
            int c = peek(0);
            if (isWhitespace(c)) {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                while (!atEnd() && !isLineBreak(peek(0))) {
                    advance();
                }
            } else if (c == '/' && peek(1) == '*') {
                Position start = here();
                advance();
                advance();
                while (!atEnd() && !(peek(0) == '*' && peek(1) == '/')) {
                    advance();
                }
                if (atEnd()) {
                    diagnostics.error("unterminated-comment", start, "unterminated comment: expected '*/'");
                } else {
                    advance();
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private void add(TokenKind kind, String text, Object value, Position start) {
        tokens.add(new Token(kind, text, value, start, newlineBefore || tokens.isEmpty()));
        newlineBefore = false;
    }

    private void advance() {
        int c = src[pos++];
        if (c == '\n' || (c == '\r' && (pos >= src.length || src[pos] != '\n'))) {
            line++;
            column = 1;
            newlineBefore = true;
        } else if (c != '\r') {
            column++;
        }
    }

    private Position here() {
        return new Position(file, line, column);
    }

    private String text(int from) {
        return new String(src, from, pos - from);
    }

    private boolean atEnd() {
        return pos >= src.length;
    }

    private int peek(int ahead) {
        int i = pos + ahead;
        return i < src.length ? src[i] : -1;
    }

    static boolean isNameStart(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isNameChar(int c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isLetter(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSegChar(int c) {
        return isNameChar(c) || c == '.' || c == '~' || c == '-';
    }

    private static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || isLineBreak(c);
    }
}
