package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example's StripeAPI sends its form body the way Stripe reads lists and objects. */
class FormBodiesIT {

    private static final String PAYMENTS = "/stripe/payment_intents";

    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeEach
    void stripeCreatesPaymentIntents() throws Exception {
        Gateway.reset("StripeAPI");
        upstream.resetAll();
        upstream.stubFor(post(urlPathEqualTo(PAYMENTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"pi_1\",\"amount\":100}")));
    }

    @AfterEach
    void forgetTheStub() {
        upstream.resetAll();
    }

    @Test
    void aPaymentIntentsListsAndMetadataAreBracketedFormFields() throws Exception {
        HttpResponse<String> created = Gateway.invoke("StripeAPI", "create_payment_intent",
                "{\"amount\":100,\"payment_method_types\":[\"card\",\"sepa_debit\"],\"metadata\":{\"order_id\":\"42\"}}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        List<LoggedRequest> sent = upstream.findAll(postRequestedFor(urlPathEqualTo(PAYMENTS)));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(URLDecoder.decode(sent.get(0).getBodyAsString(), StandardCharsets.UTF_8)).isEqualTo("amount=100&currency=usd"
                + "&payment_method_types[0]=card&payment_method_types[1]=sepa_debit&metadata[order_id]=42");
    }
}
