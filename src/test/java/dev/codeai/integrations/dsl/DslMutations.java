package dev.codeai.integrations.dsl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded random mutations of a DSL file (deleted, duplicated, swapped, replaced and inserted tokens, truncations,
 * random bytes, deleted runs) and the check every mutant must pass: a model without errors, or errors positioned
 * inside the file as {@code FILE:LINE:COL}. Shared by {@code DslRobustnessTest} and {@code bench/dsl-mutations};
 * plain Java, so the bench compiles it without test libraries. Not thread-safe (one per thread).
 */
public final class DslMutations {

    /** The file name every mutant is loaded as, and the start of each formatted diagnostic. */
    public static final String FILE = "mutant.cai";
    public static final String[] KINDS = {"delete", "duplicate", "swap", "replace", "insert", "truncate", "bytes",
        "delete-run"};
    /** Lexical pieces: strings, text-block quotes, punctuation, words and runs of whitespace. */
    private static final Pattern PIECE = Pattern.compile(
            "\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|//[^\\n]*|[{}\\[\\]():,;]|\\s+|[^\\s{}\\[\\]():,;\"]+|\"");
    private static final String[] INSERTS = {"{", "}", "[", "]", "(", ")", ":", ",", "\"", "\"\"\"", "/*", "*/",
        "//", "env(", "retry: 3 times", "operation", "integration", "endpoint GET /x", "\\u12", "1e999",
        "99999999999999999999", "-", "0s", "1.5s", "null", "{{", "}}", "\u0000", "\u00e9", "\ud83d\ude00", "\r", "\t"};
    private static final Pattern POSITIONED = Pattern.compile("^" + Pattern.quote(FILE) + ":\\d+:\\d+: ");

    private final List<String> pieces;

    public DslMutations(String text) {
        this.pieces = pieces(text);
    }

    /** One mutant: how it was made and its text. */
    public record Mutant(String kind, String text) {
    }

    /** How a mutant ended: loaded into a model, or refused with this many error diagnostics. */
    public record Outcome(boolean loaded, int errors) {
    }

    /** A mutant whose check failed: what was wrong. */
    public static final class BadOutcome extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadOutcome(String message) {
            super(message);
        }
    }

    /** The next mutant of the sequence that {@code random} (seeded) determines. */
    public Mutant next(Random random) {
        String kind = KINDS[random.nextInt(KINDS.length)];
        return new Mutant(kind, mutate(kind, random));
    }

    private String mutate(String kind, Random random) {
        List<String> out = new ArrayList<>(pieces);
        int at = random.nextInt(out.size());
        switch (kind) {
            case "delete" -> out.remove(at);
            case "duplicate" -> out.add(at, out.get(at));
            case "swap" -> {
                int other = random.nextInt(out.size());
                String tmp = out.get(at);
                out.set(at, out.get(other));
                out.set(other, tmp);
            }
            case "replace" -> out.set(at, out.get(random.nextInt(out.size())));
            case "insert" -> out.add(at, INSERTS[random.nextInt(INSERTS.length)]);
            case "truncate" -> {
                String text = String.join("", out);
                return text.substring(0, random.nextInt(text.length()));
            }
            case "bytes" -> {
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                out.add(at, new String(noise, StandardCharsets.ISO_8859_1));
            }
            case "delete-run" -> out.subList(at, Math.min(out.size(), at + 1 + random.nextInt(20))).clear();
            default -> throw new IllegalArgumentException(kind);
        }
        return String.join("", out);
    }

    /**
     * Validates {@code text} as {@link #FILE}. Any exception of the loader propagates; a diagnostic outside the file,
     * without a message or code or not formatted {@code FILE:LINE:COL: …}, a model with errors or no model without
     * one is a {@link BadOutcome}.
     */
    public static Outcome check(String text) {
        Loader.Result result = Loader.validate(FILE, text, Map.of());
        int lines = text.split("\r\n|\r|\n", -1).length;
        for (Diagnostic d : result.diagnostics()) {
            if (d.position().line() < 1 || d.position().line() > lines || d.position().column() < 1) {
                throw new BadOutcome("diagnostic outside the file (" + lines + " lines): " + d.format());
            }
            if (d.message().isBlank() || d.code().isBlank()) {
                throw new BadOutcome("diagnostic without a message or code: " + d.format());
            }
            if (!POSITIONED.matcher(d.format()).find()) {
                throw new BadOutcome("diagnostic not formatted FILE:LINE:COL: " + d.format());
            }
        }
        if (result.spec().isEmpty() && result.errors().isEmpty()) {
            throw new BadOutcome("no model and no error");
        }
        if (result.spec().isPresent() && !result.errors().isEmpty()) {
            throw new BadOutcome("a model and " + result.errors().size() + " error(s): " + result.errors().get(0).format());
        }
        return new Outcome(result.ok(), result.errors().size());
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                pieces.add(text.substring(last, m.start()));
            }
            pieces.add(m.group());
            last = m.end();
        }
        if (last < text.length()) {
            pieces.add(text.substring(last));
        }
        return pieces;
    }
}
