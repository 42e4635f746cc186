package dev.codeai.integrations.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of seeded random mutations of the example file to the loader: deleted, duplicated,
 * swapped and replaced tokens, truncations and random bytes. Each must end in a model or in errors
 * positioned inside the file; never another exception and never a hang. A failure prints the seed and the
 * mutation, so it can be replayed.
 */
class DslRobustnessTest {

    private static final int MUTANTS = 3000;
    private static final long SEED = 20261202L;
    /** Lexical pieces: strings, text-block quotes, punctuation, words and runs of whitespace. */
    private static final Pattern PIECE = Pattern.compile(
            "\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|//[^\\n]*|[{}\\[\\]():,;]|\\s+|[^\\s{}\\[\\]():,;\"]+|\"");
    private static final String[] INSERTS = {"{", "}", "[", "]", "(", ")", ":", ",", "\"", "\"\"\"", "/*", "*/",
        "//", "env(", "retry: 3 times", "operation", "integration", "endpoint GET /x", "\\u12", "1e999",
        "99999999999999999999", "-", "0s", "1.5s", "null", "{{", "}}", "\u0000", "\u00e9", "\ud83d\ude00", "\r", "\t"};

    private final String example = read(Path.of("examples/integrations.cai"));

    @Test
    void everyMutationEndsInAModelOrInPositionedErrors() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(SEED);
            List<String> pieces = pieces(example);
            int failedToLoad = 0;
            for (int i = 0; i < MUTANTS; i++) {
                String kind = KINDS[random.nextInt(KINDS.length)];
                String mutant = mutate(kind, pieces, random);
                if (!check("mutant " + i + " (" + kind + ")", mutant)) {
                    failedToLoad++;
                }
            }
            // The mutations must really break things, or the test proves nothing.
            assertThat(failedToLoad).isGreaterThan(MUTANTS / 2);
        });
    }

    @Test
    void everyPrefixOfTheExampleIsHandled() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int end = 0; end <= example.length(); end += 97) {
                check("prefix of " + end + " characters", example.substring(0, end));
            }
        });
    }

    @Test
    void randomBytesAreHandled() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Random random = new Random(SEED);
            for (int i = 0; i < 300; i++) {
                byte[] bytes = new byte[random.nextInt(2000)];
                random.nextBytes(bytes);
                check("random bytes " + i, new String(bytes, StandardCharsets.UTF_8));
            }
        });
    }

    private static final String[] KINDS = {"delete", "duplicate", "swap", "replace", "insert", "truncate", "bytes",
        "delete-run"};

    private static String mutate(String kind, List<String> pieces, Random random) {
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

    /** Loads {@code text}; returns whether it loaded. Fails on an exception or a badly placed diagnostic. */
    private static boolean check(String what, String text) {
        Loader.Result result;
        try {
            result = Loader.validate("mutant.cai", text, Map.of());
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(what + " threw " + e + "\n--- input ---\n" + text, e);
        }
        int lines = text.split("\r\n|\r|\n", -1).length;
        for (Diagnostic d : result.diagnostics()) {
            if (d.position().line() < 1 || d.position().line() > lines || d.position().column() < 1) {
                fail(what + ": diagnostic outside the file (" + lines + " lines): " + d.format());
            }
            if (d.message().isBlank() || d.code().isBlank()) {
                fail(what + ": diagnostic without a message or code: " + d.format());
            }
        }
        if (result.spec().isEmpty()) {
            assertThat(result.errors()).as("%s has no model, so it needs an error", what).isNotEmpty();
        } else {
            assertThat(result.errors()).as("%s has a model, so it has no error", what).isEmpty();
        }
        return result.ok();
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
