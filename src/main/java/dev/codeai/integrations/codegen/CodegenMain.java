package dev.codeai.integrations.codegen;

import dev.codeai.integrations.dsl.Diagnostic;
import dev.codeai.integrations.dsl.Loader;
import dev.codeai.integrations.dsl.Severity;
import dev.codeai.integrations.dsl.model.Integration;
import dev.codeai.integrations.dsl.model.IntegrationKind;
import dev.codeai.integrations.dsl.model.Spec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The build's generation step: {@code CodegenMain DSL_FILE JAVA_OUT RESOURCES_OUT SERVER_CONFIG_OUT}. Loads the file,
 * writes the fault-tolerance bean of every integration and the bulkhead bean of every one but the webhook delivery
 * engine (never called through one) into JAVA_OUT (wiped first, so removed integrations leave no class behind),
 * bundles the same file as {@code codeai/integrations.cai} in RESOURCES_OUT and writes the server configuration it
 * decides ({@link ServerConfigGenerator}) into the Liberty configuration directory SERVER_CONFIG_OUT. Exits 1 on any
 * DSL error.
 */
public final class CodegenMain {

    public static final String BUNDLED_DSL = "codeai/integrations.cai";

    private CodegenMain() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 4) {
            err.println("usage: CodegenMain DSL_FILE JAVA_OUT RESOURCES_OUT SERVER_CONFIG_OUT");
            return 2;
        }
        Path dsl = Path.of(args[0]);
        Path javaOut = Path.of(args[1]);
        Path resourcesOut = Path.of(args[2]);
        Path serverConfigOut = Path.of(args[3]);
        String text;
        try {
            text = Files.readString(dsl, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(dsl + ": error: cannot read the DSL file: " + e.getMessage());
            return 1;
        }
        String shown = displayName(dsl);
        Loader.Result result = Loader.load(shown, text);
        result.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).map(Diagnostic::format).forEach(err::println);
        if (!result.ok()) {
            err.println("codeai: " + shown + " has " + result.errors().size() + " error(s); nothing was generated");
            return 1;
        }
        try {
            write(result.spec().get(), text, shown, javaOut, resourcesOut);
            Path dropin = serverConfigOut.resolve(ServerConfigGenerator.DATABASE_DROPIN);
            Files.createDirectories(dropin.getParent());
            Files.writeString(dropin, ServerConfigGenerator.database(result.spec().get().config(), shown),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("codeai: cannot write the generated files: " + e.getMessage());
            return 1;
        }
        Spec spec = result.spec().get();
        out.println("codeai: generated " + spec.integrations().size() + " integration bean(s) from " + shown);
        spec.integrations().values().forEach(i -> out.println("  " + i.name() + " -> " + ClassNames.qualified(i.name())));
        return 0;
    }

    private static String displayName(Path dsl) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = dsl.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    private static void write(Spec spec, String text, String shown, Path javaOut, Path resourcesOut) throws IOException {
        wipe(javaOut);
        Path packageDir = javaOut.resolve(ClassNames.PACKAGE.replace('.', '/'));
        Files.createDirectories(packageDir);
        for (Integration integration : spec.integrations().values()) {
            Files.writeString(packageDir.resolve(ClassNames.beanClass(integration.name()) + ".java"),
                    BeanGenerator.source(integration, shown), StandardCharsets.UTF_8);
            if (integration.kind() != IntegrationKind.WEBHOOK) { // the delivery engine is not called through one
                Files.writeString(packageDir.resolve(ClassNames.bulkheadClass(integration.name()) + ".java"),
                        BulkheadGenerator.source(integration, shown), StandardCharsets.UTF_8);
            }
        }
        Path bundled = resourcesOut.resolve(BUNDLED_DSL);
        Files.createDirectories(bundled.getParent());
        Files.writeString(bundled, text, StandardCharsets.UTF_8);
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
