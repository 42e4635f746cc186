package dev.codeai.integrations.dsl;

/**
 * A lexical token. {@code value} is the decoded value: the text of a string or text block, a
 * {@code Long} for INT, a {@code BigDecimal} for DECIMAL, a {@code Duration} for DURATION, the raw
 * text otherwise. {@code newlineBefore} tells whether a line break separates it from the previous token.
 */
public record Token(TokenKind kind, String text, Object value, Position position, boolean newlineBefore) {

    public boolean is(TokenKind k) {
        return kind == k;
    }

    public boolean isName(String name) {
        return kind == TokenKind.NAME && text.equals(name);
    }

    public int line() {
        return position.line();
    }

    /** How the token is shown in messages: {@code 'text'} or "end of file". */
    public String describe() {
        if (kind == TokenKind.EOF) {
            return "end of file";
        }
        String shown = text.length() > 30 ? text.substring(0, 27) + "..." : text;
        return switch (kind) {
            case STRING -> "string \"" + shown + "\"";
            case TEXT_BLOCK -> "a text block";
            default -> "'" + shown + "'";
        };
    }
}
