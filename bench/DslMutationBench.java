import dev.codeai.integrations.dsl.DslMutations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs N seeded mutations of the example file through the parser and validator (DslMutations.check) on a worker
 * thread, which the main thread watches: a case that throws, breaks the diagnostic rules or runs longer than the
 * hang limit fails the run (exit 1) with its index, kind and seed, so it can be replayed.
 */
public final class DslMutationBench {

    private static final long HANG_MILLIS = 10_000;

    private static volatile int current = -1;
    private static volatile long startedAt;

    public static void main(String[] args) throws Exception {
        int cases = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        String example = Files.readString(Path.of("examples/integrations.cai"));
        System.out.printf("dsl-mutations: %,d cases, seed %d (replay: bench/dsl-mutations %d %d)%n", cases, seed, cases, seed);
        long[] nanos = new long[cases];
        int[] loaded = new int[1];
        long[] errors = new long[1];
        String[] failure = new String[1];
        AtomicBoolean done = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            Random random = new Random(seed);
            DslMutations mutations = new DslMutations(example);
            for (int i = 0; i < cases && failure[0] == null; i++) {
                DslMutations.Mutant mutant = mutations.next(random);
                startedAt = System.nanoTime();
                current = i;
                try {
                    DslMutations.Outcome outcome = DslMutations.check(mutant.text());
                    loaded[0] += outcome.loaded() ? 1 : 0;
                    errors[0] += outcome.errors();
                } catch (RuntimeException | StackOverflowError e) {
                    failure[0] = "case " + i + " (" + mutant.kind() + "): " + e + "\n--- input ---\n" + mutant.text();
                }
                nanos[i] = System.nanoTime() - startedAt;
            }
            done.set(true);
        }, "dsl-mutations");
        worker.setDaemon(true);
        long start = System.nanoTime();
        worker.start();
        while (!done.get()) {
            worker.join(100);
            if (!done.get() && current >= 0 && (System.nanoTime() - startedAt) / 1_000_000 > HANG_MILLIS) {
                System.out.printf("  FAILED: case %d still running after %d ms (hang)%n", current, HANG_MILLIS);
                System.exit(1);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure[0] != null) {
            System.out.println("  FAILED: " + failure[0]);
            System.exit(1);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("  %,d loaded into a model, %,d refused with positioned errors (%,d errors in all)%n",
                loaded[0], cases - loaded[0], errors[0]);
        System.out.printf("  0 uncaught exceptions, 0 hangs (limit %d s per case), 0 misplaced diagnostics%n",
                HANG_MILLIS / 1000);
        System.out.printf("  %.1f s in all, %,.0f cases/s; per case p50 %.2f ms, p99 %.2f ms, max %.1f ms%n", seconds,
                cases / seconds, sorted[cases / 2] / 1e6, sorted[(int) (cases * 0.99)] / 1e6, sorted[cases - 1] / 1e6);
    }
}
