package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.codeai.integrations.security.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What operators see of calls: metrics by outcome, a request log line per call, and never a secret in
 * the server's log, whatever the scenario (calls with bearer, api-key and form auth, refused tokens, errors).
 */
class ObservedCallsIT {

    private static final Path LOGS = Path.of(System.getProperty("it.serverDir",
            "target/liberty/wlp/usr/servers/codeai-it"), "logs");
    /** The secrets the IT server is configured with (pom.xml bootstrap properties). */
    private static final List<String> SECRETS = List.of("ghp_it_token_not_secret", "it-weather-key", "sk_test_it",
            "it-secret-key");

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    void resetUpstream() throws Exception {
        upstream.resetAll();
        Gateway.reset("GitHubAPI");
    }

    @Test
    void metricsCountEachCallByIntegrationOperationAndOutcome() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/github/users/metrics-user"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
        upstream.stubFor(get(urlPathEqualTo("/github/users/missing-user")).willReturn(aResponse().withStatus(404)));

        Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"metrics-user\"}");
        Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"missing-user\"}");
        String metrics = Gateway.send("GET", "/metrics?scope=application", Optional.empty(), Optional.empty(), "").body();

        assertThat(metrics.lines().filter(l -> l.startsWith("codeai_integration_calls_total{")
                && l.contains("integration=\"GitHubAPI\"") && l.contains("operation=\"get_user\"")))
                .anySatisfy(l -> assertThat(l).contains("outcome=\"success\""))
                .anySatisfy(l -> assertThat(l).contains("outcome=\"client_error\""));
        assertThat(metrics).contains("codeai_integration_call_duration_seconds_count{integration=\"GitHubAPI\"")
                .contains("codeai_integration_call_duration_seconds_bucket{");
    }

    @Test
    void noSecretReachesTheServerLog() throws Exception {
        upstream.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
        String userToken = TestTokens.user();
        String expired = TestTokens.expired();

        Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"octocat\"}");
        Gateway.invoke("WeatherAPI", "get_current", "{\"q\":\"London,uk\"}");
        Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":100,\"currency\":\"usd\"}");
        Gateway.send("GET", "/integrations/status", Optional.of(userToken), Optional.empty(), "");
        Gateway.send("GET", "/integrations/status", Optional.of(expired), Optional.empty(), "");
        Gateway.send("GET", "/integrations/status?api_key=it-weather-key", Optional.of("garbage"), Optional.empty(), "");
        upstream.resetAll(); // now every call fails
        Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"octocat\"}");

        String log = read(LOGS.resolve("messages.log")) + read(LOGS.resolve("console.log"));
        assertThat(log).contains("method=GET path=/integrations/status status=200").contains("subject=it-user");
        for (String secret : SECRETS) {
            assertThat(log).as("the log must not contain %s", secret).doesNotContain(secret);
        }
        assertThat(log).doesNotContain(userToken).doesNotContain(expired)
                .doesNotContain(userToken.substring(userToken.lastIndexOf('.') + 1));
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
