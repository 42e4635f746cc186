package dev.codeai.integrations.dsl;

/**
 * One finding about a source file, with a stable {@code code} (see docs/DIAGNOSTICS.md) and the name of
 * the enclosing declaration ({@code context}, empty at top level).
 */
public record Diagnostic(Severity severity, String code, Position position, String message, String context) {

    /** {@code FILE:LINE:COL: error: message [code] (in integration X)}. */
    public String format() {
        String where = context.isEmpty() ? "" : " (in " + context + ")";
        return position + ": " + severity.label() + ": " + message + " [" + code + "]" + where;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
