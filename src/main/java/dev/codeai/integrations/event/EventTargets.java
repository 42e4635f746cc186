package dev.codeai.integrations.event;

import dev.codeai.integrations.dsl.model.Event;
import dev.codeai.integrations.platform.Jsons;
import dev.codeai.integrations.webhook.WebhookEvents;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one event to one target, once; {@link EventPublisher} retries. {@code slack("#channel")} posts to
 * the Slack incoming webhook at {@code SLACK_WEBHOOK_URL} with the channel in the payload;
 * {@code webhook("name")} hands the event to the webhook engine for the endpoints of that name (and the event type's
 * subscribers); {@code kafka} is not available.
 */
@ApplicationScoped
public class EventTargets {

    private static final Logger LOG = Logger.getLogger("dev.codeai.integrations.event");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    @ConfigProperty(name = "SLACK_WEBHOOK_URL")
    Optional<String> slackUrl;

    @Resource
    ManagedExecutorService executor;

    @Inject
    WebhookEvents webhooks;

    private HttpClient client;

    @PostConstruct
    void start() {
        // HTTP/1.1: Slack is https (no h2c upgrade needed), and an h2c upgrade confuses plain-http receivers.
        client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    void send(String type, JsonObject payload, Event.Target target) {
        switch (target.kind()) {
            case SLACK -> slack(type, payload, target.argument());
            case WEBHOOK -> webhooks.publishTo(target.argument(), type, payload);
            case KAFKA -> LOG.info(() -> "event " + type + " for kafka topic '" + target.argument()
                    + "': kafka targets are not available");
        }
    }

    private void slack(String type, JsonObject payload, String channel) {
        String url = slackUrl.filter(u -> !u.isBlank()).orElse(null);
        if (url == null) {
            LOG.info(() -> "event " + type + " for Slack " + channel + ": SLACK_WEBHOOK_URL is not set");
            return;
        }
        String body = Jsons.PROVIDER.createObjectBuilder().add("channel", channel).add("text", type + ": " + summary(payload))
                .add("event", Jsons.PROVIDER.createObjectBuilder().add("type", type).add("payload", payload)).build().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("Slack answered " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Slack: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String summary(JsonObject payload) {
        StringBuilder text = new StringBuilder();
        payload.forEach((key, value) -> text.append(text.length() == 0 ? "" : ", ").append(key).append('=')
                .append(value.toString().replace("\"", "")));
        return text.toString();
    }
}
