package dev.codeai.integrations.dsl;

/** The character classes of DSL.md §2 (code points; -1 means end of input and is in no class). */
final class Chars {

    private Chars() {
    }

    static boolean isNameStart(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isNameChar(int c) {
        return isNameStart(c) || isDigit(c);
    }

    static boolean isLetter(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isSegChar(int c) {
        return isNameChar(c) || c == '.' || c == '~' || c == '-';
    }

    static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r';
    }

    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || isLineBreak(c);
    }
}
