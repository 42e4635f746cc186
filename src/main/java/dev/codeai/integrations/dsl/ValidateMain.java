package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Spec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code codeai validate FILE [--strict]}: checks a file without a server. Exit 0 with a summary when it
 * loads, 1 with every diagnostic when it does not, 2 for usage or I/O problems.
 */
public final class ValidateMain {

    private ValidateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean strict = false;
        String file = null;
        for (String arg : args) {
            if (arg.equals("--strict")) {
                strict = true;
            } else if (file == null && !arg.startsWith("-")) {
                file = arg;
            } else {
                err.println("usage: codeai validate FILE [--strict]");
                return 2;
            }
        }
        if (file == null) {
            err.println("usage: codeai validate FILE [--strict]");
            return 2;
        }
        String text;
        try {
            text = read(Path.of(file));
        } catch (IOException e) {
            err.println(file + ": error: cannot read the file: " + e.getMessage());
            return 2;
        }
        Loader.Result result = Loader.validate(file, text, System.getenv());
        result.diagnostics().forEach(d -> err.println(d.format()));
        boolean strictFailure = strict && result.diagnostics().stream().anyMatch(d -> d.severity() == Severity.WARNING);
        if (!result.ok() || strictFailure) {
            long errors = result.errors().size();
            long warnings = result.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).count();
            err.println(file + ": " + errors + " error(s), " + warnings + " warning(s)"
                    + (strictFailure && errors == 0 ? " (--strict treats warnings as errors)" : ""));
            return 1;
        }
        out.print(Summary.of(result.spec().get()));
        return 0;
    }

    /** Reads UTF-8 strictly, so a file in another encoding is reported rather than misread. */
    static String read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the file is not valid UTF-8");
        }
    }

    /** The human summary of a loaded file. */
    static final class Summary {
        private Summary() {
        }

        static String of(Spec spec) {
            StringBuilder s = new StringBuilder();
            s.append(spec.file()).append(": OK");
            if (!spec.config().name().isEmpty()) {
                s.append(" (").append(spec.config().name());
                if (!spec.config().version().isEmpty()) {
                    s.append(' ').append(spec.config().version());
                }
                s.append(')');
            }
            s.append('\n');
            s.append("integrations: ").append(spec.integrations().size()).append('\n');
            spec.integrations().values().forEach(i -> s.append(String.format("  %-24s %-8s %d operation%s%n", i.name(),
                    i.kind().dslName(), i.operations().size(), i.operations().size() == 1 ? "" : "s")));
            s.append("entities: ").append(spec.entities().size());
            if (!spec.entities().isEmpty()) {
                s.append(" (").append(String.join(", ", spec.entities().keySet())).append(')');
            }
            s.append('\n');
            s.append("endpoints: ").append(spec.endpoints().size()).append('\n');
            spec.endpoints().forEach(e -> s.append("  ").append(e.method()).append(' ').append(e.path())
                    .append(e.roles().isEmpty() ? "" : "  roles " + e.roles()).append('\n'));
            s.append("events: ").append(spec.events().size());
            if (!spec.events().isEmpty()) {
                s.append(" (").append(String.join(", ", spec.events().keySet())).append(')');
            }
            s.append('\n');
            return s.toString();
        }
    }
}
