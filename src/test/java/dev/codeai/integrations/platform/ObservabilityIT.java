package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Gateway;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Health, metrics and the OpenAPI document answer without a token and describe the real server. */
class ObservabilityIT {

    private static final URI REDIS = URI.create(System.getProperty("it.redis.url", "redis://127.0.0.1:18379"));

    private static HttpResponse<String> anonymous(String path) throws Exception {
        return Gateway.send("GET", path, Optional.empty(), Optional.empty(), "");
    }

    @Test
    void readyWhenTheDslIsLoadedAndTheDatabaseAnswersAndSaysWhetherRedisDoes() throws Exception {
        HttpResponse<String> ready = anonymous("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"").contains("\"name\":\"integrations\"")
                .contains("\"name\":\"database\"").contains("PostgreSQL")
                .contains("\"name\":\"redis\"").contains(REDIS.getHost() + ":" + REDIS.getPort())
                .contains("\"reachable\":true");
        assertThat(anonymous("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void openApiDocumentListsTheRoutesAndTheBearerScheme() throws Exception {
        HttpResponse<String> document = anonymous("/openapi?format=JSON");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"/integrations/status\"").contains("\"/integrations/{name}/health\"")
                .contains("\"bearerFormat\" : \"JWT\"");
        assertThat(anonymous("/openapi/ui/").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsShowEveryCircuitStateInPrometheusText() throws Exception {
        HttpResponse<String> metrics = anonymous("/metrics?scope=application");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body()).contains("codeai_integration_circuit_state{integration=\"GitHubAPI\"")
                .contains("codeai_integration_circuit_state{integration=\"StripeAPI\"");
    }
}
