package dev.codeai.integrations.dsl.syntax;

/** A type expression (DSL.md §3.3): a named type with optional arguments, or an inline object. */
public sealed interface TypeExpr extends Value permits NamedType, ObjectType {
}
