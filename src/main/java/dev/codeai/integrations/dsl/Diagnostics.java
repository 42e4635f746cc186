package dev.codeai.integrations.dsl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the diagnostics of one load, tagged with the declaration being read. Not thread-safe: one
 * instance per load.
 */
public final class Diagnostics {

    private final List<Diagnostic> items = new ArrayList<>();
    private String context = "";

    public void context(String declaration) {
        this.context = declaration;
    }

    public String context() {
        return context;
    }

    public void error(String code, Position at, String message) {
        add(Severity.ERROR, code, at, message);
    }

    public void warning(String code, Position at, String message) {
        add(Severity.WARNING, code, at, message);
    }

    public void info(String code, Position at, String message) {
        add(Severity.INFO, code, at, message);
    }

    public void add(Severity severity, String code, Position at, String message) {
        items.add(new Diagnostic(severity, code, at, message, context));
    }

    /** A mark for {@link #reset(int)}: speculative parsing takes back what it reported. */
    public int mark() {
        return items.size();
    }

    public void reset(int mark) {
        items.subList(mark, items.size()).clear();
    }

    public void removeIf(java.util.function.Predicate<Diagnostic> filter) {
        items.removeIf(filter);
    }

    /** Whether an error is already reported at exactly {@code at}; a second one there would be a follow-on. */
    public boolean hasErrorAt(Position at) {
        return items.stream().anyMatch(d -> d.isError() && d.position().equals(at));
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    /** All diagnostics in source order (stable for equal positions). */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparingInt((Diagnostic d) -> d.position().line())
                .thenComparingInt(d -> d.position().column()));
        return List.copyOf(copy);
    }
}
