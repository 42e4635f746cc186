package dev.codeai.integrations.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Gateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command behind {@code ./codeai token} prints, as its last line, a token the running server accepts. */
class TokenCommandIT {

    private static final Path KEY_DIR = Path.of(System.getProperty("it.serverDir",
            "target/liberty/wlp/usr/servers/codeai-it"), "resources", "security");

    private static String token(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "target/classes", TokenMain.class.getName(), "--key-dir", KEY_DIR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    @Test
    void aUserTokenReadsAndAnAdminTokenResets() throws Exception {
        String user = token("--subject", "cli-user", "--ttl", "10m");
        String admin = token("--role", "admin", "--role", "user");

        assertThat(Gateway.send("GET", "/integrations/status", Optional.of(user), Optional.empty(), "").statusCode())
                .isEqualTo(200);
        assertThat(Gateway.send("POST", "/integrations/GitHubAPI/circuit/reset", Optional.of(user), Optional.empty(), "")
                .statusCode()).isEqualTo(403);
        assertThat(Gateway.send("POST", "/integrations/GitHubAPI/circuit/reset", Optional.of(admin), Optional.empty(), "")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void badArgumentsExitWith2() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                "target/classes", TokenMain.class.getName(), "--ttl", "forever").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(out).contains("--ttl expects a positive duration");
    }
}
