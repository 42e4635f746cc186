package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** GET /integrations/status and /integrations/{name}/health in the example README's shapes. */
class IntegrationStatusIT {

    @Test
    void listsEveryIntegrationOfTheBundledFileWithItsTypeAndCircuitState() throws Exception {
        HttpResponse<String> response = Gateway.get("/integrations/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"integrations\":[")
                .contains("\"name\":\"GitHubAPI\",\"type\":\"rest\"", "\"name\":\"WeatherAPI\",\"type\":\"rest\"",
                        "\"name\":\"StripeAPI\",\"type\":\"rest\"", "\"name\":\"GitHubGraphQL\",\"type\":\"graphql\"",
                        "\"name\":\"WebhookDeliveryService\",\"type\":\"webhook\"",
                        "\"name\":\"NotificationService\",\"type\":\"rest\"", "\"name\":\"StorageService\",\"type\":\"rest\"")
                .contains("\"error_rate\":", "\"last_success_at\":", "\"last_failure_at\":");
    }

    @Test
    void reportsAnIntegrationWithAnUnsetVariableAsDownWithTheReason() throws Exception {
        // The second IT server runs without NOTIFICATION_API_KEY (see the pom).
        HttpResponse<String> health = Gateway.SECOND.get("/integrations/NotificationService/health");
        HttpResponse<String> call = Gateway.SECOND.invoke("NotificationService", "send_email",
                "{\"to\":\"a@example.com\",\"subject\":\"s\",\"body\":\"b\"}");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"name\":\"NotificationService\"", "\"status\":\"down\"",
                "\"circuit_state\":\"closed\"", "\"latency_p50\":null", "\"latency_p99\":null",
                "\"last_error\":\"environment variable NOTIFICATION_API_KEY is not set\"");
        assertThat(call.statusCode()).isEqualTo(503);
        assertThat(call.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void describesAnIntegrationWithItsEffectivePoliciesAndNoSecret() throws Exception {
        HttpResponse<String> github = Gateway.get("/integrations/GitHubAPI");
        HttpResponse<String> stripe = Gateway.get("/integrations/StripeAPI");
        HttpResponse<String> unknown = Gateway.get("/integrations/NoSuchAPI");

        assertThat(github.statusCode()).isEqualTo(200);
        assertThat(github.body()).contains("\"name\":\"GitHubAPI\"", "\"type\":\"rest\"", "\"configured\":true",
                "\"auth\":{\"type\":\"bearer\"", "\"strategy\":\"exponential\"", "\"name\":\"get_user\"",
                "{\"name\":\"username\",\"type\":\"string\",\"required\":true", "\"in\":\"path\"")
                .doesNotContain("ghp_it_token_not_secret");
        // pom.xml overrides StripeAPI's timeout and retries at deploy time
        assertThat(stripe.body()).contains("\"timeout_ms\":1000", "\"max_retries\":1").doesNotContain("sk_test_it");
        // and GitHubAPI's bulkhead (codeai.bulkhead.GitHubAPI.concurrency and .queue); StripeAPI's is the default
        assertThat(github.body()).contains("\"bulkhead\":{\"concurrency\":4,\"queue\":4}");
        assertThat(stripe.body()).contains("\"bulkhead\":{\"concurrency\":32,\"queue\":32}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void describesTheWebhookDeliveryEngineWithThePoliciesItRunsAndNoBulkhead() throws Exception {
        HttpResponse<String> engine = Gateway.get("/integrations/WebhookDeliveryService");

        assertThat(engine.statusCode()).isEqualTo(200);
        // pom.xml's codeai.webhooks.* overrides (DSL: 30 s, retries after 1m, 5m, 30m, 2h, 8h; 10 failures, 5 min)
        assertThat(engine.body()).contains("\"type\":\"webhook\"", "\"timeout_ms\":5000",
                "\"max_retries\":2", "\"delays_ms\":[300,600]", "\"failures\":3", "\"reset_after_seconds\":2",
                "\"bulkhead\":null");
    }

    @Test
    void answersAnUnknownIntegrationWithA404Problem() throws Exception {
        HttpResponse<String> response = Gateway.get("/integrations/NoSuchAPI/health");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"status\":404", "\"instance\":\"/integrations/NoSuchAPI/health\"",
                "NoSuchAPI");
    }

    @Test
    void rejectsUnknownAndMissingArgumentsNamingEach() throws Exception {
        HttpResponse<String> response = Gateway.invoke("GitHubAPI", "get_user", "{\"user\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("{\"field\":\"user\"", "{\"field\":\"username\",\"message\":\"is required\"}");
    }
}
