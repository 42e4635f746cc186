package dev.codeai.integrations.dsl;

/** The token kinds of DSL.md §2. */
public enum TokenKind {
    NAME, STRING, TEXT_BLOCK, INT, DECIMAL, DURATION, PATH,
    LBRACE, RBRACE, LPAREN, RPAREN, LBRACKET, RBRACKET, COLON, COMMA, DOT, SEMICOLON,
    EOF;

    /** How the kind is shown in "expected … but found …" messages. */
    public String describe() {
        return switch (this) {
            case NAME -> "a name";
            case STRING -> "a string";
            case TEXT_BLOCK -> "a text block";
            case INT -> "an integer";
            case DECIMAL -> "a decimal";
            case DURATION -> "a duration";
            case PATH -> "a path";
            case LBRACE -> "'{'";
            case RBRACE -> "'}'";
            case LPAREN -> "'('";
            case RPAREN -> "')'";
            case LBRACKET -> "'['";
            case RBRACKET -> "']'";
            case COLON -> "':'";
            case COMMA -> "','";
            case DOT -> "'.'";
            case SEMICOLON -> "';'";
            case EOF -> "end of file";
        };
    }
}
