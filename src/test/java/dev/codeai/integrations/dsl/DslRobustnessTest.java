package dev.codeai.integrations.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of seeded random mutations of the example file to the loader ({@link DslMutations}): deleted,
 * duplicated, swapped and replaced tokens, truncations and random bytes. Each must end in a model or in errors
 * positioned inside the file; never another exception and never a hang. A failure prints the seed and the
 * mutation, so it can be replayed. {@code bench/dsl-mutations} runs the same mutations 100,000 times.
 */
class DslRobustnessTest {

    private static final int MUTANTS = 3000;
    private static final long SEED = 20261202L;

    private final String example = read(Path.of("examples/integrations.cai"));

    @Test
    void everyMutationEndsInAModelOrInPositionedErrors() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(SEED);
            DslMutations mutations = new DslMutations(example);
            int failedToLoad = 0;
            for (int i = 0; i < MUTANTS; i++) {
                DslMutations.Mutant mutant = mutations.next(random);
                if (!check("mutant " + i + " (" + mutant.kind() + ", seed " + SEED + ")", mutant.text())) {
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

    /** Loads {@code text}; returns whether it loaded. Fails on an exception or a badly placed diagnostic. */
    private static boolean check(String what, String text) {
        try {
            return DslMutations.check(text).loaded();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(what + ": " + e + "\n--- input ---\n" + text, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
