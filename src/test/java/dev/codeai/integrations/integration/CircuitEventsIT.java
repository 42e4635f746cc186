package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Circuit transitions become the DSL's events: IntegrationCircuitOpened goes to its Slack channel (a fake
 * Slack incoming webhook here) once per opening, retried when Slack fails; IntegrationCircuitClosed, which
 * has no target, is logged, admin reset included. WeatherAPI opens after 3 consecutive failures.
 */
class CircuitEventsIT {

    private static final Path MESSAGES = Path.of(System.getProperty("it.serverDir",
            "target/liberty/wlp/usr/servers/codeai-it"), "logs", "messages.log");

    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final Pattern OPENED_AT = Pattern.compile("\"opened_at\":\"([^\"]+)\"");

    private final WireMockServer upstream = FakeUpstreams.server();
    private Instant started;

    @BeforeEach
    void closedCircuitAndFailingUpstream() throws Exception {
        upstream.resetAll();
        Gateway.reset("WeatherAPI");
        started = Instant.now();
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(500)));
    }

    @Test
    void openingPostsOneSlackMessageAndResetLogsTheClosedEvent() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/slack")).willReturn(aResponse().withStatus(200)));

        Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");
        Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}"); // rejected while open: no new event
        List<LoggedRequest> posts = eventually(() -> slackPosts("IntegrationCircuitOpened"), 1);
        String closedEvent = "event IntegrationCircuitClosed {\"integration\":\"WeatherAPI\"";
        long closedBefore = logged(closedEvent).size();
        Gateway.reset("WeatherAPI");

        assertThat(posts).singleElement().satisfies(post -> assertThat(post.getBodyAsString())
                .contains("\"channel\":\"#ops-alerts\"", "\"type\":\"IntegrationCircuitOpened\"",
                        "\"integration\":\"WeatherAPI\"", "\"failures\":3", "\"opened_at\":\""));
        String closed = eventuallyLogged(closedEvent, closedBefore);
        assertThat(closed).contains("\"closed_at\":\"", "\"open_duration_seconds\":");
        assertThat(slackPosts("IntegrationCircuitOpened")).hasSize(1);
    }

    @Test
    void aFailingSlackIsRetried() throws Exception {
        // Slack keeps failing (a scenario would be shared with late retries of earlier tests' events).
        upstream.stubFor(post(urlPathEqualTo("/slack")).willReturn(aResponse().withStatus(503)));

        Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");

        List<LoggedRequest> attempts = eventually(() -> slackPosts("IntegrationCircuitOpened"), 2);
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(attempts).extracting(LoggedRequest::getBodyAsString).as("the same event again").containsOnly(
                attempts.get(0).getBodyAsString());
    }

    /** This test's posts: retries of events from earlier tests (which had no Slack stub) may still arrive. */
    private List<LoggedRequest> slackPosts(String type) {
        return upstream.findAll(postRequestedFor(urlPathEqualTo("/slack")).withRequestBody(containing(type))).stream()
                .filter(post -> {
                    Matcher at = OPENED_AT.matcher(post.getBodyAsString());
                    return at.find() && !Instant.parse(at.group(1)).isBefore(started);
                }).toList();
    }

    private static List<LoggedRequest> eventually(Supplier<List<LoggedRequest>> requests, int count) throws Exception {
        return Poll.until(BOUND, requests::get, seen -> seen.size() >= count);
    }

    private static List<String> logged(String text) throws Exception {
        return Files.readAllLines(MESSAGES).stream().filter(l -> l.contains(text)).toList();
    }

    /** The first line with {@code text} after the {@code before} ones already there. */
    private static String eventuallyLogged(String text, long before) throws Exception {
        List<String> lines = Poll.until(BOUND, () -> logged(text), seen -> seen.size() > before);
        if (lines.size() <= before) {
            throw new AssertionError("no new log line with " + text);
        }
        return lines.get((int) before);
    }
}
