package dev.codeai.integrations.webhook;

import dev.codeai.integrations.integration.RetryAfter;
import dev.codeai.integrations.platform.JsonText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends one attempt of a delivery (DSL.md §5.6 "Delivery"): a POST of the stored body bytes to the endpoint URL,
 * with the {@code deliver} operation's headers (templates {@code {event_type}}, {@code {delivery_id}},
 * {@code {timestamp}} filled), the DSL signature header and the Standard Webhooks headers over exactly those bytes,
 * the attempt timeout over the whole exchange, no redirects followed, and at most 4 KB of the answer read. The URL
 * is checked by the SSRF guard again, after DNS resolution, before every attempt.
 */
final class DeliveryAttempts {

    private final WebhookSettings settings;
    private final SsrfGuard guard;
    private final WebhookSignatures signatures;
    private final HttpClient client;

    DeliveryAttempts(WebhookSettings settings, SsrfGuard guard, ExecutorService executor) {
        this.settings = settings;
        this.guard = guard;
        this.signatures = WebhookSignatures.of(settings.signatureAlgorithm(), settings.signatureHeader());
        this.client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    SsrfGuard guard() {
        return guard;
    }

    CompletableFuture<Attempt> send(DeliveryStore.Claimed delivery, Instant now) {
        long started = System.nanoTime();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        settings.headers().forEach((name, template) -> headers.put(name, template.indexOf('{') < 0 ? template
                : dev.codeai.integrations.dsl.Templates.fill(template, placeholder -> switch (placeholder) {
                    case "event_type" -> delivery.eventType();
                    case "delivery_id" -> delivery.id();
                    case "timestamp" -> Long.toString(timestamp);
                    default -> "";
                })));
        try {
            headers.putAll(signatures.headers(delivery.id(), timestamp, body, secrets(delivery, now)));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Attempt.failed("cannot sign: " + e.getMessage(), 0, json(headers)));
        }
        String sent = json(headers);
        URI url;
        try {
            url = URI.create(delivery.url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Attempt.failed("invalid endpoint URL", 0, sent));
        }
        Optional<String> refused = guard.refusal(url);
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(Attempt.failed("refused by the SSRF guard: " + refused.get(), 0, sent));
        }
        Duration timeout = settings.timeout(delivery.timeoutSeconds());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return client.sendAsync(request.build(), LimitedBody.handler(Attempt.MAX_BODY_CHARS))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (failure != null) {
                        return Attempt.failed(describe(failure, timeout), millis, sent);
                    }
                    return new Attempt(Optional.of(response.statusCode()), response.body(), millis, null,
                            response.headers().firstValue("Retry-After")
                                    .flatMap(value -> RetryAfter.parse(value.trim(), response.headers().firstValue("Date"))),
                            sent);
                });
    }

    private static String describe(Throwable failure, Duration timeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
            return "timed out after " + timeout.toMillis() + " ms";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The secrets that sign: the endpoint's, and during a rotation's grace period the previous one after it. */
    static List<String> secrets(DeliveryStore.Claimed delivery, Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(delivery.secret());
        if (delivery.previousSecret() != null && DeliveryStore.instant(delivery.previousSecretUntil())
                .filter(now::isBefore).isPresent()) {
            secrets.add(delivery.previousSecret());
        }
        return secrets;
    }

    private static String json(Map<String, String> headers) {
        return JsonText.object(headers);
    }
}
