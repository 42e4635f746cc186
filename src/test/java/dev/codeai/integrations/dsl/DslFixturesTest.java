package dev.codeai.integrations.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven check of the fixtures under src/test/resources/dsl: every file's errors and warnings are
 * exactly its {@code //!} annotations (line, severity, code), and its annotated infos are present.
 */
class DslFixturesTest {

    private static final Path ROOT = Path.of("src/test/resources/dsl");
    private static final Pattern SAME_LINE = Pattern.compile("//!(?!L)\\s*(.+)$");
    private static final Pattern OTHER_LINE = Pattern.compile("//!L(\\d+)\\s+(.+)$");

    static Stream<Path> validFiles() throws IOException {
        return files("valid");
    }

    static Stream<Path> invalidFiles() throws IOException {
        return files("invalid");
    }

    private static Stream<Path> files(String folder) throws IOException {
        try (Stream<Path> paths = Files.list(ROOT.resolve(folder))) {
            return paths.filter(p -> p.toString().endsWith(".cai")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("validFiles")
    void validFixtureLoadsWithExactlyItsAnnotatedWarnings(Path file) throws IOException {
        Loader.Result result = load(file);
        assertThat(result.errors()).extracting(Diagnostic::format).isEmpty();
        assertMatchesAnnotations(file, result);
    }

    @ParameterizedTest
    @MethodSource("invalidFiles")
    void invalidFixtureReportsExactlyItsAnnotatedDiagnostics(Path file) throws IOException {
        Loader.Result result = load(file);
        assertThat(result.ok()).as("%s must not load", file).isFalse();
        assertMatchesAnnotations(file, result);
    }

    private static Loader.Result load(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return Loader.validate(file.getFileName().toString(), text, Map.of("SET_VARIABLE", "x"));
    }

    private static void assertMatchesAnnotations(Path file, Loader.Result result) throws IOException {
        List<String> expected = new ArrayList<>();
        List<String> expectedInfos = new ArrayList<>();
        String[] lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher other = OTHER_LINE.matcher(lines[i]);
            Matcher same = SAME_LINE.matcher(lines[i]);
            if (other.find()) {
                collect(Integer.parseInt(other.group(1)), other.group(2), expected, expectedInfos);
            } else if (same.find()) {
                collect(i + 1, same.group(1), expected, expectedInfos);
            }
        }
        List<String> actual = result.diagnostics().stream().filter(d -> d.severity() != Severity.INFO)
                .map(d -> d.position().line() + " " + d.severity().label() + " " + d.code()).sorted().toList();
        List<String> infos = result.diagnostics().stream().filter(d -> d.severity() == Severity.INFO)
                .map(d -> d.position().line() + " info " + d.code()).toList();
        assertThat(actual).as("diagnostics of %s:%n%s", file, String.join("\n",
                result.diagnostics().stream().map(Diagnostic::format).toList()))
                .isEqualTo(expected.stream().sorted().toList());
        assertThat(infos).as("infos of %s", file).containsAll(expectedInfos);
    }

    private static void collect(int line, String spec, List<String> expected, List<String> infos) {
        for (String item : spec.split(";")) {
            String[] parts = item.trim().split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            String entry = line + " " + parts[0] + " " + parts[1];
            (parts[0].equals("info") ? infos : expected).add(entry);
        }
    }
}
