package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.integration.Gateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The integration-test server is up, answers at the root context, and has its schema migrated. */
class ServerStartsIT {

    @Test
    void answersPing() throws Exception {
        HttpResponse<String> response = Gateway.get("/ping");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void reportsTheFirstMigrationAsApplied() throws Exception {
        HttpResponse<String> response = Gateway.get("/platform/migrations");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"version\":\"1\"").contains("\"success\":true");
    }
}
