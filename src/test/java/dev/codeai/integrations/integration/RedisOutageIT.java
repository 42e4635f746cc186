package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stopping and starting under the running IT server (README "Response cache", "Rate limit", "Operations"), with
 * GitHubAPI's get_user (cached 5 minutes, rate-limited): while Redis is down calls still succeed through the upstream
 * without the cache and with the per-process bucket, and health says so without making the server unready; once Redis
 * is back the cache works again without a restart. "Redis" is the fault proxy in front of the machine's Redis
 * ({@code ItRedisProxy}), so the Redis other tests use never stops.
 */
class RedisOutageIT {

    private static final String CONTROL = System.getProperty("it.redis.proxy.control", "http://127.0.0.1:18380");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    @AfterEach
    void reset() throws Exception {
        redis("up");
        upstream.resetAll();
        Gateway.reset("GitHubAPI");
    }

    @Test
    void callsGoUpstreamWhileRedisIsDownAndTheCacheWorksAgainOnceItIsBack() throws Exception {
        String before = user("before");
        assertThat(cacheAnswers(before)).as("Redis up").containsExactly("MISS", "HIT");
        assertThat(redisHealth()).contains("\"reachable\":true");

        redis("down");
        List<HttpResponse<String>> whileDown = List.of(getUser(before), getUser(before), getUser(user("during")));

        assertThat(whileDown).allSatisfy(call -> {
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            assertThat(call.headers().firstValue("X-Cache")).as("the cache is skipped").contains("MISS");
        });
        upstream.verify(2 + 1, getRequestedFor(urlPathEqualTo("/github/users/" + before)));
        HttpResponse<String> ready = anonymous("/health/ready");
        assertThat(ready.statusCode()).as("still serving, so still ready: " + ready.body()).isEqualTo(200);
        assertThat(redisHealth()).contains("\"reachable\":false").contains("without the response cache");
        assertThat(reachableGauge()).contains(0.0);

        redis("up");
        assertThat(Poll.until(Duration.ofSeconds(30), RedisOutageIT::redisHealth, h -> h.contains("\"reachable\":true")))
                .contains("\"reachable\":true");
        List<String> after = Poll.until(Duration.ofSeconds(30), () -> cacheAnswers(user("after")),
                answers -> answers.equals(List.of("MISS", "HIT")));
        assertThat(after).as("the cache works again without a restart").containsExactly("MISS", "HIT");
        assertThat(reachableGauge()).contains(1.0);
    }

    /** A user name of its own, with a stubbed upstream answer. */
    private String user(String label) {
        String login = label + "-" + UUID.randomUUID();
        upstream.stubFor(get(urlPathEqualTo("/github/users/" + login)).willReturn(okJson("{\"login\":\"" + login + "\"}")));
        return login;
    }

    /** The X-Cache headers of two calls in a row with the same arguments. */
    private static List<String> cacheAnswers(String login) throws Exception {
        return List.of(getUser(login).headers().firstValue("X-Cache").orElse("none"),
                getUser(login).headers().firstValue("X-Cache").orElse("none"));
    }

    private static HttpResponse<String> getUser(String login) throws Exception {
        return Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"" + login + "\"}");
    }

    /** The readiness checks; only the redis check has {@code reachable}. */
    private static String redisHealth() throws Exception {
        return anonymous("/health/ready").body();
    }

    private static Optional<Double> reachableGauge() throws Exception {
        return Gateway.get("/metrics?scope=application").body().lines().filter(l -> l.startsWith("codeai_redis_reachable"))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst();
    }

    private static HttpResponse<String> anonymous(String path) throws Exception {
        return Gateway.send("GET", path, Optional.empty(), Optional.empty(), "");
    }

    /** Takes "Redis" down or brings it back (the proxy resets every open connection when it goes down). */
    private static void redis(String state) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(CONTROL + "/" + state))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("Redis proxy " + state).isEqualTo(204);
    }
}
