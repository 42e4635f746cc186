package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.codeai.integrations.security.TestTokens;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The response cache (DSL.md §5.5 "Cache rules"), in Redis as the IT server has REDIS_URL, with the example DSL: WeatherAPI's
 * get_current is cached 10 minutes, get_forecast by its default_cache_ttl; POST operations never are.
 */
class ResponseCacheIT {

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    @AfterEach
    void reset() throws Exception {
        upstream.resetAll();
        Gateway.reset("WeatherAPI");
        Gateway.reset("StripeAPI");
    }

    @Test
    void answersARepeatedCallFromTheCacheWithoutCallingTheUpstream() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"temp\":7}")));

        HttpResponse<String> first = current("{\"q\":\"Oslo\",\"units\":\"metric\"}");
        HttpResponse<String> again = current("{\"units\":\"metric\",\"q\":\"Oslo\"}");
        HttpResponse<String> other = current("{\"q\":\"Bergen\"}");

        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("X-Cache")).as("same arguments in another order").contains("HIT");
        assertThat(again.headers().firstValue("X-Integration-Attempts")).contains("0");
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(again.body()).isEqualTo("{\"temp\":7}");
        assertThat(other.headers().firstValue("X-Cache")).contains("MISS");
        upstream.verify(2, getRequestedFor(urlPathEqualTo("/weather/weather")));
        try (RedisClient redis = RedisClient.create(java.net.URI.create("redis://127.0.0.1:6379"))) {
            assertThat(redis.keys("integ:WeatherAPI:get_current:*")).as("shared by every instance, under config.cache.prefix")
                    .hasSize(2);
        }
    }

    @Test
    void storesOnlySuccessfulAnswers() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"city not found\"}")));
        HttpResponse<String> notFound = current("{\"q\":\"Atlantis\"}");
        upstream.resetAll();
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"temp\":30}")));

        HttpResponse<String> found = current("{\"q\":\"Atlantis\"}");

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.headers().firstValue("X-Cache")).contains("MISS");
        upstream.verify(1, getRequestedFor(urlPathEqualTo("/weather/weather")));
    }

    @Test
    void emptyingTheCacheSendsTheNextCallUpstreamAndNeedsAdmin() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/forecast")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"list\":[]}")));
        Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");

        HttpResponse<String> denied = Gateway.send("DELETE", "/integrations/WeatherAPI/cache", Optional.of(TestTokens.user()),
                Optional.empty(), "");
        HttpResponse<String> purged = Gateway.send("DELETE", "/integrations/WeatherAPI/cache", Optional.of(TestTokens.admin()),
                Optional.empty(), "");
        HttpResponse<String> next = Gateway.invoke("WeatherAPI", "get_forecast", "{\"q\":\"Oslo\"}");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(purged.statusCode()).isEqualTo(200);
        assertThat(purged.body()).isEqualTo("{\"name\":\"WeatherAPI\",\"purged\":1}");
        assertThat(next.headers().firstValue("X-Cache")).contains("MISS");
        upstream.verify(2, getRequestedFor(urlPathEqualTo("/weather/forecast")));
    }

    @Test
    void operationsThatAreNotCachedSayNothingAboutTheCache() throws Exception {
        upstream.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/stripe/payment_intents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\":\"pi_9\"}")));

        HttpResponse<String> created = Gateway.invoke("StripeAPI", "create_payment_intent",
                "{\"amount\":100,\"currency\":\"usd\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.headers().firstValue("X-Cache")).isEmpty();
    }

    @Test
    void aFailedCallFallsBackToTheLastGoodAnswerPastItsTtlButNotOnAClientError() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"temp\":-3}")));
        assertThat(current("{\"q\":\"Tromso\"}").headers().firstValue("X-Cache")).contains("MISS");
        expireCachedAnswers("integ:WeatherAPI:get_current:*");
        upstream.resetAll();
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(500)));

        HttpResponse<String> nothingCached = current("{\"q\":\"Narvik\"}"); // 3 failures: the breaker opens
        HttpResponse<String> whileOpen = current("{\"q\":\"Tromso\"}");
        Gateway.post("/integrations/WeatherAPI/circuit/reset", "");
        HttpResponse<String> retriesUsedUp = current("{\"q\":\"Tromso\"}");
        Gateway.post("/integrations/WeatherAPI/circuit/reset", "");
        upstream.resetAll();
        upstream.stubFor(get(urlPathEqualTo("/weather/weather")).willReturn(aResponse().withStatus(404)));
        HttpResponse<String> clientError = current("{\"q\":\"Tromso\"}");

        assertThat(nothingCached.statusCode()).as("no cached answer: the original error").isEqualTo(502);
        assertThat(whileOpen.statusCode()).isEqualTo(200);
        assertThat(whileOpen.body()).isEqualTo("{\"temp\":-3}");
        assertThat(whileOpen.headers().firstValue("X-Cache")).contains("STALE");
        assertThat(whileOpen.headers().firstValue("X-Integration-Attempts")).contains("0");
        assertThat(retriesUsedUp.statusCode()).isEqualTo(200);
        assertThat(retriesUsedUp.headers().firstValue("X-Cache")).contains("STALE");
        assertThat(retriesUsedUp.headers().firstValue("X-Integration-Attempts")).as("tried upstream first").contains("3");
        assertThat(clientError.statusCode()).as("4xx never falls back").isEqualTo(404);
        assertThat(Gateway.get("/metrics?scope=application").body().lines()
                .filter(l -> l.startsWith("codeai_integration_fallbacks_total{") && l.contains("integration=\"WeatherAPI\"")
                        && l.contains("kind=\"cache\""))).isNotEmpty();
    }

    /** Moves the stored answers' freshness into the past, as if their TTL had passed (they stay kept). */
    private static void expireCachedAnswers(String pattern) {
        try (RedisClient redis = RedisClient.create(java.net.URI.create("redis://127.0.0.1:6379"))) {
            for (String key : redis.keys(pattern)) {
                byte[] name = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ResponseCache.Entry entry = RedisCacheStore.decode(redis.get(name));
                redis.set(name, RedisCacheStore.encode(new ResponseCache.Entry(entry.status(), entry.contentType(),
                        entry.body(), java.time.Instant.now().minusSeconds(1), entry.keptUntil())));
            }
        }
    }

    private static HttpResponse<String> current(String arguments) throws Exception {
        return Gateway.invoke("WeatherAPI", "get_current", arguments);
    }
}
