package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;

/** A value in the syntax tree (DSL.md §3.2 plus the closed phrases and type expressions). */
public sealed interface Value permits Scalar, ListValue, CallValue, RefValue, BlockValue, TypedBlockValue,
        LooseValue, RetryPhrase, ThresholdPhrase, TypeExpr, FieldSpec, IndexSpec {

    Position position();

    /** A short description for "expected … but found …" messages. */
    String describe();
}
