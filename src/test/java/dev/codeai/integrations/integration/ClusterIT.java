package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Two server instances (the IT servers codeai-it and codeai-it2) on one database and one Redis, as behind a load
 * balancer: the response cache, idempotent replays and the rate limit are shared.
 */
class ClusterIT {

    /** GitHubAPI's shared bucket (config.cache.prefix "integ:"); the IT servers deploy it as 1000 per 10 h. */
    private static final String GITHUB_BUCKET = "integ:ratelimit:GitHubAPI";

    private final WireMockServer upstream = FakeUpstreams.server();
    private final Gateway.Instance first = new Gateway.Instance(Gateway.BASE_URL);
    private final Gateway.Instance second = Gateway.SECOND;

    @BeforeEach
    @AfterEach
    void reset() throws Exception {
        upstream.resetAll();
        Gateway.reset("WeatherAPI");
        Gateway.reset("StripeAPI");
        Gateway.reset("GitHubAPI");
        try (RedisClient redis = RedisClient.create(URI.create("redis://127.0.0.1:6379"))) {
            redis.del(GITHUB_BUCKET);
        }
    }

    @Test
    void anAnswerCachedByOneInstanceIsAHitOnTheOther() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"temp\":3}")));
        String arguments = "{\"q\":\"Trondheim-" + UUID.randomUUID() + "\"}";

        HttpResponse<String> miss = first.invoke("WeatherAPI", "get_current", arguments);
        HttpResponse<String> hit = second.invoke("WeatherAPI", "get_current", arguments);

        assertThat(miss.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(hit.body()).isEqualTo("{\"temp\":3}");
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/weather/weather")));
    }

    @Test
    void eitherInstanceReplaysAnIdempotentRequest() throws Exception {
        upstream.stubFor(post(urlPathEqualTo("/stripe/payment_intents")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"pi_cluster\"}")));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> created = first.invoke("StripeAPI", "create_payment_intent", "{\"amount\":100}", key);
        HttpResponse<String> replayed = second.invoke("StripeAPI", "create_payment_intent", "{\"amount\":100}", key);
        HttpResponse<String> reused = second.invoke("StripeAPI", "create_payment_intent", "{\"amount\":101}", key);

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.headers().firstValue(IdempotentReplays.REPLAYED)).contains("true");
        assertThat(replayed.body()).isEqualTo(created.body());
        assertThat(reused.statusCode()).isEqualTo(422);
        upstream.verify(Integer.parseInt(created.headers().firstValue("X-Integration-Attempts").orElseThrow()),
                postRequestedFor(urlPathEqualTo("/stripe/payment_intents")));
    }

    @Test
    void theRateLimitHoldsInTotalAcrossBothInstances() throws Exception {
        upstream.stubFor(get(urlPathMatching("/github/users/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"login\":\"someone\"}")));
        try (RedisClient redis = RedisClient.create(URI.create("redis://127.0.0.1:6379"))) {
            // Six tokens left in the shared bucket, as of Redis's own clock (the scripts' clock).
            redis.eval("local t = redis.call('TIME') redis.call('HSET', KEYS[1], 'tokens', '6', 'ts', "
                    + "t[1] * 1000 + math.floor(t[2] / 1000)) return 1", 1, GITHUB_BUCKET);
        }

        int succeeded = 0;
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            Gateway.Instance instance = i % 2 == 0 ? first : second;
            HttpResponse<String> response = instance.invoke("GitHubAPI", "get_user",
                    "{\"username\":\"user-" + i + "-" + UUID.randomUUID() + "\"}");
            if (response.statusCode() == 200) {
                succeeded++;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                refused++;
            }
        }

        assertThat(succeeded).as("six tokens between two instances").isEqualTo(6);
        assertThat(refused).isEqualTo(4);
        upstream.verify(6, getRequestedFor(urlPathMatching("/github/users/.*")));
    }
}
