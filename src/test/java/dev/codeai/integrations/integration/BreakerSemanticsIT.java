package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DSL.md §5.4's breaker semantics with the example DSL: GitHubAPI opens after {@code 5 failures in 1m} (a
 * sliding time window that successes do not clear), WeatherAPI after {@code 3 consecutive failures} (a run
 * that any success ends); 408/429 are not failures; half-open admits one probe however many calls arrive;
 * transport faults (connection resets, bodies slower than the timeout) are failures like 5xx.
 */
class BreakerSemanticsIT {

    private static final long PROBE_DELAY_MS = 2_000;

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    @AfterEach
    void resetUpstreamAndBreakers() throws Exception {
        upstream.resetAll();
        for (String name : List.of("GitHubAPI", "WeatherAPI", "StripeAPI")) {
            Gateway.reset(name);
        }
    }

    @Test
    void aTimeWindowThresholdCountsFailuresAcrossSuccessesAndAbandonsTheRetriesOfTheCallThatOpensIt() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/github/users/down")).willReturn(aResponse().withStatus(503)));
        upstream.stubFor(get(urlPathEqualTo("/github/users/up")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"login\":\"up\"}")));

        HttpResponse<String> fourFailures = getUser("down");
        HttpResponse<String> success = getUser("up");
        assertThat(circuitState("GitHubAPI")).as("4 failures in the window, one success after them").isEqualTo("closed");
        HttpResponse<String> fifthFailure = getUser("down");

        assertThat(fourFailures.statusCode()).isEqualTo(502);
        assertThat(fourFailures.headers().firstValue("X-Integration-Attempts")).contains("4");
        assertThat(success.statusCode()).isEqualTo(200);
        assertThat(fifthFailure.statusCode()).as("the 5th failure within 1 minute opens the breaker").isEqualTo(503);
        assertThat(fifthFailure.body()).contains("\"title\":\"Circuit open\"");
        assertThat(fifthFailure.headers().firstValue("X-Integration-Attempts")).as("its retries are abandoned")
                .contains("1");
        assertThat(circuitState("GitHubAPI")).isEqualTo("open");
        int requests = upstream.findAll(anyRequestedFor(urlPathMatching("/github/.*"))).size();
        HttpResponse<String> rejected = getUser("nobody-yet");
        HttpResponse<String> cached = getUser("up");
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(cached.statusCode()).as("a fresh cached answer needs no upstream").isEqualTo(200);
        assertThat(cached.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(rejected.headers().firstValue("Retry-After")).contains("30");
        assertThat(upstream.findAll(anyRequestedFor(urlPathMatching("/github/.*")))).as("no network while open")
                .hasSize(requests);
        assertThat(requests).isEqualTo(4 + 1 + 1);
    }

    @Test
    void aConsecutiveThresholdStartsCountingAgainAfterEverySuccess() throws Exception {
        // 501 is a breaker failure that is never retried: one call, one failure.
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(501)));
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"temp\":3}")));

        forecast();
        forecast();
        assertThat(Gateway.invoke("WeatherAPI", "get_current", "{\"q\":\"Oslo\"}").statusCode()).isEqualTo(200);
        forecast();
        forecast();
        assertThat(circuitState("WeatherAPI")).as("4 failures in a minute, but never 3 in a row").isEqualTo("closed");
        HttpResponse<String> third = forecast();

        assertThat(third.statusCode()).isEqualTo(502);
        assertThat(third.body()).contains("\"upstream_status\":\"501\"");
        assertThat(circuitState("WeatherAPI")).isEqualTo("open");
    }

    @Test
    void throttlingAnswersAreRetriedButNeverOpenTheBreaker() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(429)));
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(408)));

        HttpResponse<String> throttled = forecast();
        HttpResponse<String> timedOut = Gateway.invoke("WeatherAPI", "get_current", "{\"q\":\"Oslo\"}");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("X-Integration-Attempts")).contains("3");
        assertThat(timedOut.statusCode()).isEqualTo(408);
        assertThat(upstream.findAll(anyRequestedFor(urlPathMatching("/weather/.*")))).hasSize(6);
        assertThat(circuitState("WeatherAPI")).as("6 throttled attempts, threshold 3").isEqualTo("closed");
    }

    @Test
    void halfOpenAdmitsOneProbeAmongConcurrentCallsAndItsSuccessClosesTheCircuit() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(500)));
        forecast();
        assertThat(circuitState("WeatherAPI")).isEqualTo("open");
        upstream.resetAll();
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(200)
                .withFixedDelay((int) PROBE_DELAY_MS).withHeader("Content-Type", "application/json")
                .withBody("{\"list\":[]}")));
        assertThat(Poll.until(Duration.ofSeconds(15), () -> circuitState("WeatherAPI"), "half-open"::equals))
                .isEqualTo("half-open");

        List<HttpResponse<String>> answers = concurrently(8, this::forecast);

        // Calls that arrive after the probe's success are rightly admitted; none may reach the upstream while
        // the probe is in flight (its answer takes 2 s).
        List<Long> received = upstream.findAll(anyRequestedFor(urlPathMatching("/weather/.*"))).stream()
                .map(r -> r.getLoggedDate().getTime()).sorted().toList();
        long probeSent = received.get(0);
        assertThat(received.stream().filter(t -> t < probeSent + PROBE_DELAY_MS)).as("requests during the probe").hasSize(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 503)).as("rejected as if open").isNotEmpty();
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 503));
        assertThat(answers.stream().filter(r -> r.statusCode() == 200 && !r.headers().firstValue("X-Cache")
                .orElse("").equals("HIT"))).as("answers that reached the upstream (later ones may hit the probe's cached answer)")
                .hasSize(received.size());
        assertThat(circuitState("WeatherAPI")).isEqualTo("closed");
    }

    @Test
    void aFailedHalfOpenProbeOfAWindowBreakerReopensItForAnotherDelay() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/stripe/payment_intents/pi_1")).willReturn(aResponse().withStatus(500)));
        getPaymentIntent("pi_1"); // 2 attempts each (deploy-time maxRetries 1)
        getPaymentIntent("pi_1");
        assertThat(circuitState("StripeAPI")).as("4 failures, threshold 5").isEqualTo("closed");
        HttpResponse<String> opening = getPaymentIntent("pi_1");
        assertThat(opening.statusCode()).as("its first attempt is the 5th failure").isEqualTo(503);
        assertThat(upstream.findAll(anyRequestedFor(urlPathMatching("/stripe/.*")))).hasSize(5);

        assertThat(Poll.until(Duration.ofSeconds(15), () -> circuitState("StripeAPI"), "half-open"::equals))
                .isEqualTo("half-open");
        HttpResponse<String> failedProbe = getPaymentIntent("pi_1");
        assertThat(failedProbe.statusCode()).isEqualTo(503);
        assertThat(circuitState("StripeAPI")).as("one failed probe reopens it").isEqualTo("open");
        assertThat(upstream.findAll(anyRequestedFor(urlPathMatching("/stripe/.*")))).as("just the probe").hasSize(6);
        assertThat(failedProbe.headers().firstValue("Retry-After")).as("3 s from reopening, not from the first opening")
                .contains("3");

        upstream.resetAll();
        upstream.stubFor(get(urlPathEqualTo("/stripe/payment_intents/pi_1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"pi_1\"}")));
        HttpResponse<String> recovered = Poll.until(Duration.ofSeconds(15), () -> getPaymentIntent("pi_1"),
                r -> r.statusCode() != 503);
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(circuitState("StripeAPI")).isEqualTo("closed");
        upstream.stubFor(get(urlPathEqualTo("/stripe/payment_intents/pi_1")).willReturn(aResponse().withStatus(500)));
        getPaymentIntent("pi_1");
        assertThat(circuitState("StripeAPI")).as("closing cleared the window: 2 failures, not 7").isEqualTo("closed");
    }

    @Test
    void aConnectionResetIsARetriedFailure() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/github/users/reset"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpResponse<String> response = getUser("reset");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("4");
        assertThat(response.body()).contains("4 attempts");
        assertThat(response.headers().firstValue("X-Circuit-State")).as("error answers carry it too").isPresent();
        assertThat(upstream.findAll(anyRequestedFor(urlPathEqualTo("/github/users/reset")))).hasSize(4);
        // The health view says what happened without a Java class name (README: no answer carries one).
        String lastError = Gateway.get("/integrations/GitHubAPI/health").body();
        assertThat(lastError).contains("\"last_error\":\"cannot reach the upstream: ")
                .doesNotContain("Exception");
    }

    @Test
    void aBodySlowerThanTheTimeoutIsCutEvenThoughItsHeadersCameAtOnce() throws Exception {
        upstream.stubFor(get(urlPathMatching("/stripe/payment_intents/pi_slow")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"pi_slow\",\"padding\":\"" + "x".repeat(200) + "\"}")
                .withChunkedDribbleDelay(20, 4_000)));

        HttpResponse<String> response = getPaymentIntent("pi_slow");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("within 1000 ms");
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("2");
        assertThat(response.headers().firstValue("X-Circuit-State")).isPresent();
    }

    private HttpResponse<String> getUser(String username) throws Exception {
        return Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"" + username + "\"}");
    }

    private HttpResponse<String> forecast() throws Exception {
        return Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");
    }

    private HttpResponse<String> getPaymentIntent(String id) throws Exception {
        return Gateway.invoke("StripeAPI", "get_payment_intent", "{\"id\":\"" + id + "\"}");
    }

    private static String circuitState(String integration) throws Exception {
        String body = Gateway.get("/integrations/" + integration + "/health").body();
        int at = body.indexOf("\"circuit_state\":\"") + "\"circuit_state\":\"".length();
        return body.substring(at, body.indexOf('"', at));
    }

    private static <T> List<T> concurrently(int calls, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
