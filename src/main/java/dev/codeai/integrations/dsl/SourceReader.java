package dev.codeai.integrations.dsl;

/**
 * The code points of one source file and the lexer's place in them: 1-based line and column (in code
 * points, a CRLF counting as one line break) and whether a line break was crossed since the last token.
 */
final class SourceReader {

    private final String file;
    private final int[] src;
    private int pos;
    private int line = 1;
    private int column = 1;
    private boolean newlineSinceToken;

    SourceReader(String file, String text) {
        this.file = file;
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.src = body.codePoints().toArray();
    }

    void advance() {
        int c = src[pos++];
        if (c == '\n' || (c == '\r' && (pos >= src.length || src[pos] != '\n'))) {
            line++;
            column = 1;
            newlineSinceToken = true;
        } else if (c != '\r') {
            column++;
        }
    }

    /** Whether a line break came since the last call, which starts the next token's count afresh. */
    boolean takeNewline() {
        boolean crossed = newlineSinceToken;
        newlineSinceToken = false;
        return crossed;
    }

    Position here() {
        return new Position(file, line, column);
    }

    int offset() {
        return pos;
    }

    String text(int from) {
        return text(from, pos);
    }

    String text(int from, int to) {
        return new String(src, from, to - from);
    }

    boolean atEnd() {
        return pos >= src.length;
    }

    int peek(int ahead) {
        int i = pos + ahead;
        return i < src.length ? src[i] : -1;
    }

    /** The code point at an absolute offset, or -1 past the end. */
    int at(int offset) {
        return offset < src.length ? src[offset] : -1;
    }
}
