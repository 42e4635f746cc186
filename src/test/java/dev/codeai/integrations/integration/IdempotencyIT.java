package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idempotency (issue 5): the key an integration with {@code idempotency} sends upstream, and the invoke endpoint's
 * own Stripe-like replays, kept in Redis as the IT server has REDIS_URL. StripeAPI runs with a 1 s timeout and one
 * retry here (deploy-time overrides in the pom).
 */
class IdempotencyIT {

    private static final String PAYMENTS = "/stripe/payment_intents";
    private static final String CREATED = "{\"id\":\"pi_1\",\"status\":\"requires_payment_method\",\"amount\":500}";

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    @AfterEach
    void reset() throws Exception {
        upstream.resetAll();
        Gateway.reset("StripeAPI");
    }

    @Test
    void sendsOneGeneratedKeyOnEveryRetryOfACall() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(PAYMENTS)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        upstream.stubFor(post(urlPathEqualTo(PAYMENTS)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(created()));

        HttpResponse<String> first = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}");
        HttpResponse<String> second = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Integration-Attempts")).contains("2");
        List<String> keys = upstream.findAll(postRequestedFor(urlPathEqualTo(PAYMENTS))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(keys).hasSize(3);
        assertThat(keys.get(0)).as("a UUID per logical call").matches("[0-9a-f-]{36}").isEqualTo(keys.get(1));
        assertThat(keys.get(2)).as("the next call has its own key").isNotEqualTo(keys.get(0));
        assertThat(second.headers().firstValue(IdempotentReplays.REPLAYED)).isEmpty();
    }

    @Test
    void repeatsTheFirstAnswerForTheSameKeyWithoutCallingTheUpstreamAgain() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(PAYMENTS)).willReturn(created()));
        String key = "order-" + UUID.randomUUID();

        HttpResponse<String> first = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}", key);
        HttpResponse<String> again = Gateway.invoke("StripeAPI", "create_payment_intent", "{ \"amount\" : 500 }", key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue(IdempotentReplays.REPLAYED)).isEmpty();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue(IdempotentReplays.REPLAYED)).contains("true");
        assertThat(again.body()).isEqualTo(first.body()).contains("pi_1");
        assertThat(again.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(again.headers().firstValue("X-Integration-Attempts")).isEqualTo(first.headers().firstValue("X-Integration-Attempts"));
        List<LoggedRequest> sent = upstream.findAll(postRequestedFor(urlPathEqualTo(PAYMENTS)));
        assertThat(sent).as("the first call's attempts only").hasSize(attempts(first));
        assertThat(sent).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).as("the caller's own key goes upstream")
                .isEqualTo(key));
    }

    @Test
    void refusesTheSameKeyForOtherArgumentsWith422() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(PAYMENTS)).willReturn(created()));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}", key);

        HttpResponse<String> other = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":900}", key);
        HttpResponse<String> otherOperation = Gateway.invoke("StripeAPI", "create_customer", "{\"email\":\"a@b.c\"}", key);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(other.body()).contains("Idempotency-Key");
        assertThat(otherOperation.statusCode()).isEqualTo(422);
        upstream.verify(attempts(first), postRequestedFor(urlPathEqualTo(PAYMENTS)));
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/stripe/customers")));
    }

    @Test
    void aConcurrentDuplicateWaitsForTheFirstAndGetsItsAnswer() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(PAYMENTS)).willReturn(created().withFixedDelay(300)));
        String key = UUID.randomUUID().toString();

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> call(key));
        Poll.until(Duration.ofSeconds(10), () -> upstream.findAll(postRequestedFor(urlPathEqualTo(PAYMENTS))).size(),
                sent -> sent == 1);
        HttpResponse<String> duplicate = call(key);

        assertThat(first.join().statusCode()).isEqualTo(200);
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.headers().firstValue(IdempotentReplays.REPLAYED)).contains("true");
        assertThat(duplicate.body()).isEqualTo(first.join().body());
        upstream.verify(attempts(first.join()), postRequestedFor(urlPathEqualTo(PAYMENTS)));
    }

    @Test
    void keepsNoAnswerForAProblemOfOurOwnSoTheSameKeyMayBeTriedAgain() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(PAYMENTS)).inScenario("down").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)));
        String key = UUID.randomUUID().toString();
        HttpResponse<String> failed = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}", key);
        upstream.resetAll();
        upstream.stubFor(post(urlPathEqualTo(PAYMENTS)).willReturn(created()));

        HttpResponse<String> retried = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}", key);

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue(IdempotentReplays.REPLAYED)).isEmpty();
        assertThat(upstream.findAll(postRequestedFor(urlPathEqualTo(PAYMENTS))).get(0).getHeader("Idempotency-Key"))
                .isEqualTo(key);
    }

    @Test
    void keepsAnUpstreamClientErrorLikeAnyAnswer() throws Exception {
        upstream.stubFor(post(urlPathEqualTo(PAYMENTS)).willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"card_declined\"}}")));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> declined = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}", key);
        HttpResponse<String> again = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}", key);

        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(again.statusCode()).isEqualTo(402);
        assertThat(again.body()).contains("card_declined");
        assertThat(again.headers().firstValue(IdempotentReplays.REPLAYED)).contains("true");
        upstream.verify(attempts(declined), postRequestedFor(urlPathEqualTo(PAYMENTS)));
    }

    @Test
    void refusesAKeyThatIsNotPrintableAscii() throws Exception {
        HttpResponse<String> response = Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}",
                "x".repeat(300));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"Idempotency-Key\"");
        upstream.verify(0, postRequestedFor(urlPathEqualTo(PAYMENTS)));
    }

    /** The attempts a call made upstream (a cold upstream may time out once). */
    private static int attempts(HttpResponse<String> response) {
        return Integer.parseInt(response.headers().firstValue("X-Integration-Attempts").orElseThrow());
    }

    private static HttpResponse<String> call(String key) {
        try {
            return Gateway.invoke("StripeAPI", "create_payment_intent", "{\"amount\":500}", key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(CREATED);
    }
}
