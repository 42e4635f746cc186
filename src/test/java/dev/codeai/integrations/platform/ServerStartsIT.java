package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The integration-test server is up, answers at the root context, and has its schema migrated. */
class ServerStartsIT {
    private static final String BASE_URL = System.getProperty("it.baseUrl", "http://localhost:19080");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersPing() throws Exception {
        HttpResponse<String> response = get("/ping");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void reportsTheFirstMigrationAsApplied() throws Exception {
        HttpResponse<String> response = get("/platform/migrations");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"version\":\"1\"").contains("\"success\":true");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(BASE_URL + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
