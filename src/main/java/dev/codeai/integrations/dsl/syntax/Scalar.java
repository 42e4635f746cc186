package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import dev.codeai.integrations.dsl.TokenKind;

/** STRING, TEXT_BLOCK, INT, DECIMAL, DURATION or NAME; {@code value} is the decoded value. */
public record Scalar(TokenKind kind, Object value, String text, Position position) implements Value {

    public boolean isName(String name) {
        return kind == TokenKind.NAME && text.equals(name);
    }

    public boolean isText() {
        return kind == TokenKind.STRING || kind == TokenKind.TEXT_BLOCK;
    }

    @Override
    public String describe() {
        return switch (kind) {
            case STRING -> "string \"" + value + "\"";
            case TEXT_BLOCK -> "a text block";
            default -> "'" + text + "'";
        };
    }
}
