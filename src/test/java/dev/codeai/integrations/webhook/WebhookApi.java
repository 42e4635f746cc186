package dev.codeai.integrations.webhook;

import dev.codeai.integrations.integration.Gateway;
import dev.codeai.integrations.security.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Optional;

/** The webhook ITs' calls to the first IT server, as an admin, with a JSON body or none. */
final class WebhookApi {

    private WebhookApi() {
    }

    static HttpResponse<String> send(String method, String path, String json) throws Exception {
        return Gateway.send(method, path, Optional.of(TestTokens.admin()),
                json == null ? Optional.empty() : Optional.of("application/json"), json == null ? "" : json);
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
