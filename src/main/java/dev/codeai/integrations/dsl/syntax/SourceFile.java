package dev.codeai.integrations.dsl.syntax;

import java.util.List;

/** The syntax tree of one file: its declarations in source order. */
public record SourceFile(String file, List<Declaration> declarations) {
}
