package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.codeai.integrations.security.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Isolation (issue 8): GitHubAPI's upstream hangs under 200 concurrent calls. Its bulkhead (4 in flight and 4 in its
 * queue, set in pom.xml through codeai.bulkhead.GitHubAPI.concurrency and .queue) admits 4, which hang, and queues 4;
 * the other 192 answer 503 problem+json at once, without a request, a retry or a breaker failure. Meanwhile
 * WeatherAPI's calls keep succeeding; their latencies are printed for docs/RELIABILITY.md, not asserted. Once the
 * held answers are released, the 4 queued calls run too.
 */
class BulkheadIT {

    private static final int CALLS = 200;
    private static final int QUIET_CALLS = 20;
    private static final Pattern BULKHEAD = Pattern.compile("\"bulkhead\":\\{\"concurrency\":(\\d+),\"queue\":(\\d+)}");
    private static final Pattern REJECTIONS = Pattern.compile(
            "codeai_integration_calls_total\\{[^}]*outcome=\"bulkhead_full\"[^}]*} ([0-9.]+)");

    private final WireMockServer upstream = FakeUpstreams.server();
    private final HeldResponses held = FakeUpstreams.held();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String token = TestTokens.admin();

    @BeforeEach
    void stubUpstreams() throws Exception {
        upstream.resetAll();
        Gateway.reset("GitHubAPI");
        Gateway.reset("WeatherAPI");
        upstream.stubFor(get(urlPathMatching("/github/users/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"login\":\"held\",\"id\":1}")
                .withTransformers(HeldResponses.NAME)));
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"name\":\"Oslo\",\"dt\":1}")));
    }

    @AfterEach
    void releaseHeldAnswers() {
        held.release();
    }

    @Test
    void aHangingUpstreamFillsOnlyItsOwnBulkheadAndQueueWhileAnotherIntegrationKeepsAnswering() throws Exception {
        int concurrency = bulkhead("GitHubAPI", 1);
        int queue = bulkhead("GitHubAPI", 2);
        assertThat(concurrency).as("pom.xml sets codeai.bulkhead.GitHubAPI.concurrency=4").isEqualTo(4);
        assertThat(queue).as("pom.xml sets codeai.bulkhead.GitHubAPI.queue=4").isEqualTo(4);
        int waiting = concurrency + queue;
        double rejectedBefore = rejections();
        List<Long> before = weatherLatencies("before");
        held.hold();

        List<Timed> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(Timed.send(http, invoke("GitHubAPI", "get_user", "{\"username\":\"held-" + i + "\"}")));
        }
        Poll.until(Duration.ofSeconds(15), () -> calls.stream().filter(c -> c.answer.isDone()).count(),
                done -> done >= CALLS - waiting && held.waiting() == concurrency);
        List<Long> during = weatherLatencies("during");
        List<Timed> answered = calls.stream().filter(c -> c.answer.isDone()).toList();

        assertThat(held.waiting()).as("calls hanging upstream").isEqualTo(concurrency);
        assertThat(answered).as("answered while the upstream hangs: all but the running and the queued calls")
                .hasSize(CALLS - waiting);
        for (Timed call : answered) {
            HttpResponse<String> rejected = call.answer.join();
            assertThat(rejected.statusCode()).isEqualTo(503);
            assertThat(rejected.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(rejected.headers().firstValue("Retry-After")).contains("1");
            assertThat(rejected.headers().firstValue("X-Integration-Attempts")).contains("0");
            assertThat(rejected.body()).contains("\"title\":\"Bulkhead full\"", "Integration GitHubAPI already has "
                    + concurrency + " calls in flight and " + queue + " waiting");
        }
        assertThat(Gateway.get("/integrations/GitHubAPI/health").body()).contains("\"circuit_state\":\"closed\"");
        assertThat(rejections() - rejectedBefore).isEqualTo(CALLS - waiting);

        held.release();
        List<Timed> admitted = calls.stream().filter(c -> !answered.contains(c)).toList();
        for (Timed call : admitted) {
            assertThat(call.answer.join().statusCode()).isEqualTo(200);
        }
        // WireMock journals a request once answered: the running and the queued calls, nothing retried, no
        // rejected call sent.
        upstream.verify(waiting, getRequestedFor(urlPathMatching("/github/users/held-.*")));
        System.out.printf("BulkheadIT: GitHubAPI %d calls, %d admitted (%d held upstream, %d queued), %d rejected "
                        + "with 503 (p50 %d ms, max %d ms); admitted answered 200 after release%n", CALLS,
                admitted.size(), concurrency, queue, answered.size(), percentile(millis(answered), 50),
                percentile(millis(answered), 100));
        System.out.printf("BulkheadIT: WeatherAPI %d calls each: before the burst p50 %d ms, max %d ms; while GitHubAPI "
                        + "hangs p50 %d ms, max %d ms%n", QUIET_CALLS, percentile(before, 50), percentile(before, 100),
                percentile(during, 50), percentile(during, 100));
    }

    /** WeatherAPI calls, one after another (distinct cities, so none is a cache hit); each must succeed. */
    private List<Long> weatherLatencies(String phase) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < QUIET_CALLS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(invoke("WeatherAPI", "get_current",
                    "{\"q\":\"" + phase + "-" + i + "-" + System.nanoTime() + "\"}"), HttpResponse.BodyHandlers.ofString());
            latencies.add((System.nanoTime() - start) / 1_000_000);
            assertThat(response.statusCode()).as("WeatherAPI %s: %s", phase, response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"name\":\"Oslo\"");
        }
        return latencies;
    }

    private HttpRequest invoke(String integration, String operation, String json) {
        return HttpRequest.newBuilder(URI.create(Gateway.BASE_URL + "/integrations/" + integration + "/operations/"
                        + operation)).timeout(Duration.ofSeconds(90)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** The bulkhead's concurrency (group 1) or queue (group 2) as GET /integrations/{name} shows it. */
    private static int bulkhead(String integration, int group) throws Exception {
        Matcher m = BULKHEAD.matcher(Gateway.get("/integrations/" + integration).body());
        assertThat(m.find()).as("GET /integrations/%s shows its bulkhead", integration).isTrue();
        return Integer.parseInt(m.group(group));
    }

    /** GitHubAPI.get_user's bulkhead_full counter (0 before the first rejection). */
    private static double rejections() throws Exception {
        String metrics = Gateway.get("/metrics?scope=application").body();
        for (String line : metrics.split("\n")) {
            Matcher m = REJECTIONS.matcher(line);
            if (m.find() && line.contains("integration=\"GitHubAPI\"") && line.contains("operation=\"get_user\"")) {
                return Double.parseDouble(m.group(1));
            }
        }
        return 0;
    }

    private static List<Long> millis(List<Timed> calls) {
        return calls.stream().map(Timed::millis).toList();
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** A call sent asynchronously and how long its answer took. */
    private static final class Timed {
        final CompletableFuture<HttpResponse<String>> answer;
        private final long[] took;

        private Timed(CompletableFuture<HttpResponse<String>> answer, long[] took) {
            this.answer = answer;
            this.took = took;
        }

        long millis() {
            return took[0];
        }

        /** {@link #answer} completes once {@link #millis} is set. */
        static Timed send(HttpClient http, HttpRequest request) {
            long start = System.nanoTime();
            long[] took = new long[1];
            CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> took[0] = (System.nanoTime() - start) / 1_000_000);
            return new Timed(answer, took);
        }
    }
}
