package dev.codeai.integrations.webhook;

import dev.codeai.integrations.integration.RetryAfter;
import dev.codeai.integrations.platform.JsonText;
import dev.codeai.integrations.platform.NetworkErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends one attempt of a delivery (DSL.md §5.6 "Delivery"): a POST of the stored body bytes to the endpoint URL,
 * with the {@code deliver} operation's headers (templates {@code {event_type}}, {@code {delivery_id}},
 * {@code {timestamp}} filled), the DSL signature header and the Standard Webhooks headers over exactly those bytes,
 * the attempt timeout over the whole exchange, no redirects followed, and at most 4 KB of the answer read. The URL
 * is checked by the SSRF guard again, after DNS resolution, before every attempt, and the attempt connects to an
 * address that check allowed ({@link WebhookClient}).
 */
final class DeliveryAttempts {

    private final WebhookSettings settings;
    private final SsrfGuard guard;
    private final WebhookSignatures signatures;
    private final WebhookClient client;
    private final Executor executor;

    /** Attempts block one of {@code executor}'s threads each, for their whole exchange. */
    DeliveryAttempts(WebhookSettings settings, SsrfGuard guard, WebhookClient client, Executor executor) {
        this.settings = settings;
        this.guard = guard;
        this.signatures = WebhookSignatures.of(settings.signatureAlgorithm(), settings.signatureHeader());
        this.client = client;
        this.executor = executor;
    }

    SsrfGuard guard() {
        return guard;
    }

    /** The attempt, made on a thread of the engine's pool. */
    CompletableFuture<Attempt> send(DeliveryStore.Claimed delivery, Instant now) {
        return send(delivery, now, executor);
    }

    /** The attempt, made on the calling thread (test deliveries, manual retries). */
    Attempt sendHere(DeliveryStore.Claimed delivery, Instant now) {
        return send(delivery, now, Runnable::run).join();
    }

    private CompletableFuture<Attempt> send(DeliveryStore.Claimed delivery, Instant now, Executor on) {
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
        SsrfGuard.Verdict verdict = guard.check(url);
        if (verdict instanceof SsrfGuard.Verdict.Refused refused) {
            return CompletableFuture.completedFuture(Attempt.failed("refused by the SSRF guard: " + refused.reason(), 0, sent));
        }
        List<InetAddress> addresses = ((SsrfGuard.Verdict.Allowed) verdict).addresses();
        Duration timeout = settings.timeout(delivery.timeoutSeconds());
        try {
            return CompletableFuture.supplyAsync(() -> attempt(url, addresses, headers, body, timeout, started, sent), on);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Attempt.failed("the webhook engine is stopping", 0, sent));
        }
    }

    /** Blocks for the exchange; the answer or what went wrong, never an exception. */
    private Attempt attempt(URI url, List<InetAddress> addresses, Map<String, String> headers, byte[] body,
                            Duration timeout, long started, String sent) {
        try {
            WebhookClient.Answer answer = client.post(url, addresses, headers, body, timeout);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return new Attempt(Optional.of(answer.status()), answer.body(), millis, null,
                    Optional.ofNullable(answer.headers().get("retry-after"))
                            .flatMap(value -> RetryAfter.parse(value, Optional.ofNullable(answer.headers().get("date")))),
                    sent, false);
        } catch (IllegalArgumentException refused) {
            // HttpHead refused a header value (before any connection): no attempt of this delivery can be sent.
            return Attempt.unsendable("not sent: " + refused.getMessage(), sent);
        } catch (IOException | RuntimeException e) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return Attempt.failed(e instanceof WebhookClient.Timeout ? e.getMessage() : NetworkErrors.describe(e, Set.of(HttpAnswer.NoAnswer.class)), millis,
                    sent);
        }
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
