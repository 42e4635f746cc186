package dev.codeai.integrations.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator writes one bean per integration exactly as the golden files under
 * src/test/resources/codegen say (one per fault-tolerance mapping), bundles the same DSL file, writes the server
 * configuration it decides, and writes nothing for a file with errors.
 */
class CodegenMainTest {

    private static final Path GOLDEN = Path.of("src/test/resources/codegen");
    private static final String PACKAGE_DIR = "dev/codeai/integrations/generated";

    @TempDir
    Path out;

    @Test
    void generatesTheGoldenBeanOfEveryIntegrationAndBundlesTheFile() throws IOException {
        int status = CodegenMain.run(args(GOLDEN.resolve("policies.cai")), quiet(), quiet());

        assertThat(status).isZero();
        List<Path> goldens;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            goldens = files.filter(p -> p.toString().endsWith(".java.golden")).sorted().toList();
        }
        try (Stream<Path> files = Files.list(out.resolve("java").resolve(PACKAGE_DIR))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(goldens.stream().map(p -> p.getFileName().toString().replace(".golden", "")).toList());
        }
        for (Path golden : goldens) {
            Path generated = out.resolve("java").resolve(PACKAGE_DIR).resolve(golden.getFileName().toString()
                    .replace(".golden", ""));
            assertThat(Files.readString(generated)).as(golden.toString()).isEqualTo(Files.readString(golden));
        }
        assertThat(Files.readString(out.resolve("res").resolve(CodegenMain.BUNDLED_DSL)))
                .isEqualTo(Files.readString(GOLDEN.resolve("policies.cai")));
        assertThat(out.resolve("liberty").resolve(ServerConfigGenerator.DATABASE_DROPIN)).isRegularFile();
    }

    @Test
    void removesBeansOfIntegrationsThatNoLongerExist() throws IOException {
        Path stale = out.resolve("java").resolve(PACKAGE_DIR).resolve("GoneIntegration.java");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "class GoneIntegration {}");

        CodegenMain.run(args(GOLDEN.resolve("policies.cai")), quiet(), quiet());

        assertThat(stale).doesNotExist();
    }

    @Test
    void theBulkheadBeanQueuesAsynchronousCallsAndAdmitsEachBeforeItsFirstAttempt() throws IOException {
        CodegenMain.run(args(GOLDEN.resolve("policies.cai")), quiet(), quiet());

        String bulkhead = Files.readString(out.resolve("java").resolve(PACKAGE_DIR).resolve("FixedBulkhead.java"));
        assertThat(bulkhead).contains("    @Asynchronous\n    @Bulkhead(value = " + BulkheadGenerator.DEFAULT_CONCURRENCY
                + ", waitingTaskQueue = " + BulkheadGenerator.DEFAULT_QUEUE + ")\n"
                + "    public Future<UpstreamResponse> call(Call call) {\n"
                + "        call.admit();\n"
                + "        return CompletableFuture.completedFuture(integration.call(call));\n");
    }

    @Test
    void refusesAFileWithErrorsPrintingEveryDiagnosticAndWritingNothing() throws IOException {
        Path bad = out.resolve("bad.cai");
        Files.writeString(bad, "integration A {\n  type: soap\n}\nintegration B {\n  type: rest\n  timeout: 0s\n}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = CodegenMain.run(args(bad), quiet(), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("bad.cai:2:9: error: unknown integration type 'soap'")
                .contains("bad.cai:6:12: error: 'timeout' must be longer than 0")
                .contains("nothing was generated");
        assertThat(out.resolve("java")).doesNotExist();
    }

    private String[] args(Path dsl) {
        return new String[] {dsl.toString(), out.resolve("java").toString(), out.resolve("res").toString(),
                out.resolve("liberty").toString()};
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
