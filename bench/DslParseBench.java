import dev.codeai.integrations.dsl.Loader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds an N-line file from the example's integration shapes and times Loader.load after warm-up. */
public final class DslParseBench {

    public static void main(String[] args) throws Exception {
        int targetLines = Integer.parseInt(args[0]);
        String example = Files.readString(Path.of("examples/integrations.cai"));
        String body = example.substring(example.indexOf("integration GitHubAPI"), example.indexOf("integration WebhookDeliveryService"));
        StringBuilder file = new StringBuilder();
        int copies = 0;
        while (file.chars().filter(c -> c == '\n').count() < targetLines) {
            file.append(body.replaceAll("integration (\\w+) \\{", "integration $1_" + copies + " {"));
            copies++;
        }
        String text = file.toString();
        long lines = text.chars().filter(c -> c == '\n').count();
        Loader.Result check = Loader.load("bench.cai", text);
        if (!check.ok()) {
            throw new IllegalStateException("bench file does not load: " + check.errors().get(0).format());
        }
        for (int i = 0; i < 30; i++) {
            Loader.load("bench.cai", text);
        }
        int runs = 20;
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Loader.load("bench.cai", text);
            long took = System.nanoTime() - start;
            best = Math.min(best, took);
            total += took;
        }
        double meanMs = total / 1e6 / runs;
        System.out.printf("dsl-parse: %d lines, %d integrations, %d chars%n", lines, check.spec().get().integrations().size(), text.length());
        System.out.printf("  mean %.1f ms, best %.1f ms per parse+bind (%d runs after warm-up)%n", meanMs, best / 1e6, runs);
        System.out.printf("  %.0f lines/s (mean); target: under 200 ms -> %s%n", lines / (meanMs / 1000), meanMs < 200 ? "met" : "NOT met");
    }
}
