package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * GitHubAPI's {@code rate_limit} (in Redis, as the IT server has REDIS_URL) with {@code header: "X-RateLimit-Remaining"} (DSL.md §5.4): an answer that
 * reports 0 left holds further calls until {@code X-RateLimit-Reset}; a call that cannot wait that long
 * within its budget gets 429 with Retry-After at once, sends nothing and does not touch the breaker.
 */
class RateLimitIT {

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    void reset() throws Exception {
        upstream.resetAll();
        Gateway.reset("GitHubAPI");
    }

    @Test
    void anExhaustedQuotaHoldsCallsUntilItsResetAndRefusesThoseThatCannotWait() throws Exception {
        long reset = Instant.now().plusSeconds(18).getEpochSecond();
        upstream.stubFor(get(urlPathEqualTo("/github/rate_limit")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset)).withBody("{\"rate\":{\"remaining\":0}}")));

        HttpResponse<String> last = Gateway.invoke("GitHubAPI", "get_rate_limit", "{}");
        HttpResponse<String> refused = Gateway.invoke("GitHubAPI", "get_rate_limit", "{}");

        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s))
                .isBetween(1L, 18L));
        assertThat(refused.headers().firstValue("X-Integration-Attempts")).contains("0");
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/github/rate_limit")));
        assertThat(Gateway.get("/integrations/GitHubAPI/health").body()).contains("\"circuit_state\":\"closed\"");
        try (RedisClient redis = RedisClient.create(java.net.URI.create("redis://127.0.0.1:6379"))) {
            assertThat(redis.hget("integ:ratelimit:GitHubAPI", "paused")).as("the pause is shared through Redis")
                    .isNotNull();
        }

        upstream.resetAll();
        upstream.stubFor(get(urlPathEqualTo("/github/rate_limit")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-RateLimit-Remaining", "4999")
                .withBody("{\"rate\":{\"remaining\":4999}}")));
        HttpResponse<String> afterReset = Poll.until(Duration.ofSeconds(40),
                () -> Gateway.invoke("GitHubAPI", "get_rate_limit", "{}"), r -> r.statusCode() != 429);
        assertThat(afterReset.statusCode()).as("the pause ends by itself").isEqualTo(200);
        assertThat(Instant.now().getEpochSecond()).as("not before the reported reset, less the wait a call may make")
                .isGreaterThanOrEqualTo(reset - 16);
    }
}
