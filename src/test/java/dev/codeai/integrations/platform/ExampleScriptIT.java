package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Gateway;
import dev.codeai.integrations.security.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/test.sh}, the example README's sample requests, runs against the IT server as a user would run it
 * against {@code ./codeai run}: its own loopback receiver gets the test delivery and the published event, and every
 * request answers the status the README shows.
 */
class ExampleScriptIT {

    @Test
    void theSampleRequestsAnswerAsTheReadmeShows() throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder("bash", "examples/test.sh").redirectErrorStream(true);
        script.environment().put("BASE_URL", Gateway.BASE_URL);
        script.environment().put("TOKEN", TestTokens.user());
        script.environment().put("ADMIN_TOKEN", TestTokens.admin());
        script.environment().remove("WEBHOOK_URL");
        Process run = script.start();

        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("< 201 {")
                .contains("test delivery: delivered (204)")
                .contains("< 202 {")
                .containsPattern("> POST /webhooks/deliveries/[0-9a-f-]{36}/retry\n< 200 \\{[^\n]*\"status\":\"delivered\"")
                .contains("> POST /integrations/WeatherAPI/circuit/reset\n< 200 ")
                .endsWith("All sample requests answered as expected.\n");
    }
}
