package dev.codeai.integrations.dsl;

/** Thrown after a syntax error has been reported, to unwind to the nearest recovery point. */
final class ParseError extends RuntimeException {

    ParseError() {
        super(null, null, false, false);
    }
}
