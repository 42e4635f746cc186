package dev.codeai.integrations.dsl;

/** A 1-based line and column (in code points) in a named source file. */
public record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
