package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated beans' fault tolerance is live in the server, with the example DSL's values: GitHubAPI
 * retries 3 times with exponential backoff, WeatherAPI times out at 10 s and opens after 3 consecutive
 * failures; StripeAPI's timeout and retries are overridden at deploy time through MP Config (see pom.xml).
 */
class FaultToleranceIT {

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    void resetUpstreamAndBreakers() throws Exception {
        upstream.resetAll();
        for (String name : List.of("GitHubAPI", "WeatherAPI", "StripeAPI")) {
            Gateway.reset(name);
        }
    }

    @Test
    void passesTheUpstreamAnswerThroughWithAuthAndAttemptHeaders() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/github/users/octocat"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"login\":\"octocat\",\"id\":1}")));

        HttpResponse<String> response = Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"octocat\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"login\":\"octocat\",\"id\":1}");
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("1");
        assertThat(response.headers().firstValue("X-Circuit-State")).contains("closed");
        upstream.verify(getRequestedFor(urlPathEqualTo("/github/users/octocat"))
                .withHeader("Authorization", equalTo("Bearer ghp_it_token_not_secret"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void retriesThreeTimesWithGrowingGapsThenAnswers502() throws Exception {
        upstream.stubFor(get(urlPathMatching("/github/users/.*")).willReturn(aResponse().withStatus(503)));

        HttpResponse<String> response = Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"flaky\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("4");
        assertThat(response.body()).contains("\"upstream_status\":\"503\"").contains("4 attempts");
        List<LoggedRequest> attempts = upstream.findAll(anyRequestedFor(urlPathMatching("/github/.*"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertThat(attempts).hasSize(4);
        long first = gap(attempts, 0);
        long second = gap(attempts, 1);
        long third = gap(attempts, 2);
        assertThat(first).isGreaterThanOrEqualTo(70);
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void waitsForRetryAfterBeforeRetryingAThrottledCall() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/github/users/busy")).inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("cooled down")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        upstream.stubFor(get(urlPathEqualTo("/github/users/busy")).inScenario("throttled")
                .whenScenarioStateIs("cooled down")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));

        HttpResponse<String> response = Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"busy\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("2");
        List<LoggedRequest> attempts = upstream.findAll(anyRequestedFor(urlPathMatching("/github/.*"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertThat(gap(attempts, 0)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void endsAtOnceWithThe429WhenRetryAfterIsBeyondTheCallsBudget() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/github/users/swamped"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

        HttpResponse<String> response = Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"swamped\"}");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("600");
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("1"); // no 600 s wait, no retry
    }

    @Test
    void doesNotRetryAClientErrorAndPassesItThrough() throws Exception {
        upstream.stubFor(get(urlPathMatching("/github/users/.*")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not Found\"}")));

        HttpResponse<String> response = Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"nobody\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(upstream.findAll(anyRequestedFor(urlPathMatching("/github/.*")))).hasSize(1);
    }

    @Test
    void timesOutEachAttemptAtTheDslTimeoutAndRetries() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).inScenario("slow-then-fast")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("fast")
                .willReturn(aResponse().withStatus(200).withFixedDelay(12_000).withBody("{\"slow\":true}")));
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).inScenario("slow-then-fast")
                .whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"temp\":21}")));
        long start = System.nanoTime();

        HttpResponse<String> response = Gateway.invoke("WeatherAPI", "get_current", "{\"q\":\"London\"}");

        long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"temp\":21}");
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("2");
        assertThat(elapsed).as("the first attempt is cut at the DSL's 10 s timeout").isGreaterThanOrEqualTo(10_000);
        upstream.verify(2, getRequestedFor(urlPathEqualTo("/weather/weather"))
                .withQueryParam("appid", equalTo("it-weather-key"))
                .withQueryParam("units", equalTo("metric")));
    }

    @Test
    void opensTheCircuitAfterThreeConsecutiveFailuresAndThenFailsFastWithoutCallingUpstream() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(500)));

        HttpResponse<String> failed = Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");
        HttpResponse<String> status = Gateway.get("/integrations/status");
        HttpResponse<String> rejected = Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.headers().firstValue("X-Integration-Attempts")).contains("3");
        assertThat(status.body()).contains("{\"name\":\"WeatherAPI\",\"type\":\"rest\",\"status\":\"down\","
                + "\"circuit_state\":\"open\"");
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.headers().firstValue("Retry-After")).contains("3"); // deploy-time override of 30 s
        assertThat(rejected.body()).contains("\"title\":\"Circuit open\"");
        assertThat(upstream.findAll(anyRequestedFor(urlPathMatching("/weather/.*")))).hasSize(3);
        String metrics = Gateway.get("/metrics?scope=application").body();
        assertThat(metrics).contains("codeai_integration_circuit_state{integration=\"WeatherAPI\",mp_scope=\"application\",} 1.0");
        assertThat(metrics.lines().filter(l -> l.startsWith("codeai_integration_circuit_transitions_total{")
                && l.contains("integration=\"WeatherAPI\"") && l.contains("state=\"open\""))).isNotEmpty();
    }

    @Test
    void afterTheBreakerDelayOneProbeGoesThroughAndItsSuccessClosesTheCircuit() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(500)));
        Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");
        long opened = System.nanoTime();
        upstream.resetAll();
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"list\":[]}")));

        HttpResponse<String> rejected = Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");
        assertThat(rejected.statusCode()).isEqualTo(503);
        HttpResponse<String> answer = Poll.until(Duration.ofSeconds(15),
                () -> Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}"), r -> r.statusCode() != 503);
        long waited = Duration.ofNanos(System.nanoTime() - opened).toMillis();

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(waited).isGreaterThanOrEqualTo(2900);
        assertThat(upstream.findAll(anyRequestedFor(urlPathMatching("/weather/.*")))).hasSize(1); // just the probe
        assertThat(Gateway.get("/integrations/WeatherAPI/health").body()).contains("\"circuit_state\":\"closed\"");
    }

    @Test
    void resettingTheCircuitClosesItAgain() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(500)));
        Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");

        HttpResponse<String> reset = Gateway.post("/integrations/WeatherAPI/circuit/reset", "");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).isEqualTo("{\"name\":\"WeatherAPI\",\"circuit_state\":\"closed\"}");
    }

    @Test
    void deployTimeConfigOverridesTheGeneratedTimeoutAndRetryCount() throws Exception {
        upstream.stubFor(get(urlPathMatching("/stripe/payment_intents/.*"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000).withBody("{}")));

        HttpResponse<String> response = Gateway.invoke("StripeAPI", "get_payment_intent", "{\"id\":\"pi_1\"}");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("within 1000 ms");
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("2");
        assertThat(upstream.findAll(anyRequestedFor(urlPathMatching("/stripe/.*")))).hasSize(2);
    }

    private static long gap(List<LoggedRequest> attempts, int i) {
        return attempts.get(i + 1).getLoggedDate().getTime() - attempts.get(i).getLoggedDate().getTime();
    }
}
