package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Spec;
import dev.codeai.integrations.dsl.syntax.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads an integrations file: lexer, parser and binder. A file loads only when it has no errors. */
public final class Loader {

    private Loader() {
    }

    /** The outcome of a load: the model when there were no errors, and every diagnostic in source order. */
    public record Result(Optional<Spec> spec, List<Diagnostic> diagnostics) {

        public boolean ok() {
            return spec.isPresent();
        }

        public List<Diagnostic> errors() {
            return diagnostics.stream().filter(Diagnostic::isError).toList();
        }
    }

    /** Loads without looking at the environment (build time, run time). */
    public static Result load(String file, String text) {
        return load(file, text, Map.of(), false);
    }

    /** Loads and warns about {@code env(…)} variables unset in {@code environment} ({@code codeai validate}). */
    public static Result validate(String file, String text, Map<String, String> environment) {
        return load(file, text, environment, true);
    }

    private static Result load(String file, String text, Map<String, String> environment, boolean checkEnvironment) {
        Diagnostics diagnostics = new Diagnostics();
        SourceFile tree = Parser.parse(file, text, diagnostics);
        Spec spec = new Binder(new Values(diagnostics, environment, checkEnvironment)).bind(tree);
        return new Result(diagnostics.hasErrors() ? Optional.empty() : Optional.of(spec), diagnostics.sorted());
    }
}
