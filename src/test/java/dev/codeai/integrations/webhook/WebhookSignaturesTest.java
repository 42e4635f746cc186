package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delivery signatures: the Standard Webhooks headers verify with the reference library
 * ({@code com.standardwebhooks:standardwebhooks}, as a receiver would use it), and the DSL header equals an
 * independent HMAC and a value computed with openssl.
 */
class WebhookSignaturesTest {

    /** The key bytes 0x00..0x1f. */
    private static final String SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String OLD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String DELIVERY_ID = "msg_2Lh9dC0k";
    private static final long FIXED_SECONDS = 1767323045L; // 2026-01-02T03:04:05Z
    /** Not ASCII, so the bytes signed must be the UTF-8 bytes sent, not a re-encoding. */
    private static final byte[] BODY = ("{\"event\":\"order.created\",\"data\":{\"id\":\"ord_1\",\"name\":\"caf\u00e9\"},"
            + "\"timestamp\":\"2026-01-02T03:04:05Z\"}").getBytes(StandardCharsets.UTF_8);

    private final WebhookSignatures signatures = WebhookSignatures.of("sha256", "X-Webhook-Signature");

    // --- the Standard Webhooks headers, checked by the reference library ---
    // Its verify() reads the system clock (5-minute tolerance), so these sign at the wall clock's current second.

    @Test
    void theReferenceLibraryVerifiesOurHeaders() throws Exception {
        Map<String, String> headers = signNow(List.of(SECRET), BODY);

        assertThatCode(() -> new Webhook(SECRET).verify(payload(BODY), asLists(headers))).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(SECRET).verify(payload(BODY), asHttpHeaders(headers)))
                .doesNotThrowAnyException();
    }

    @Test
    void ourSignatureIsTheOneTheReferenceLibraryComputes() throws Exception {
        Map<String, String> headers = signatures.headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of(SECRET));

        assertThat(headers.get("webhook-signature"))
                .isEqualTo(new Webhook(SECRET).sign(DELIVERY_ID, FIXED_SECONDS, payload(BODY)));
    }

    @Test
    void theReferenceLibraryRejectsATamperedBody() {
        Map<String, String> headers = signNow(List.of(SECRET), BODY);
        byte[] tampered = Arrays.copyOf(BODY, BODY.length);
        tampered[tampered.length - 3] = '6';

        assertThatThrownBy(() -> new Webhook(SECRET).verify(payload(tampered), asLists(headers)))
                .isInstanceOf(WebhookVerificationException.class).hasMessage("No matching signature found");
    }

    @Test
    void theReferenceLibraryRejectsAnotherSecret() {
        Map<String, String> headers = signNow(List.of(SECRET), BODY);

        assertThatThrownBy(() -> new Webhook(WebhookSecrets.generate()).verify(payload(BODY), asLists(headers)))
                .isInstanceOf(WebhookVerificationException.class).hasMessage("No matching signature found");
    }

    @Test
    void theReferenceLibraryRejectsAnotherDeliveryId() {
        Map<String, String> headers = new HashMap<>(signNow(List.of(SECRET), BODY));
        headers.put("webhook-id", "msg_other");

        assertThatThrownBy(() -> new Webhook(SECRET).verify(payload(BODY), asLists(headers)))
                .isInstanceOf(WebhookVerificationException.class).hasMessage("No matching signature found");
    }

    @Test
    void theReferenceLibraryRejectsATimestampOlderThanFiveMinutes() {
        long stale = Instant.now().getEpochSecond() - 301;
        Map<String, String> headers = signatures.headers(DELIVERY_ID, stale, BODY, List.of(SECRET));

        assertThatThrownBy(() -> new Webhook(SECRET).verify(payload(BODY), asLists(headers)))
                .isInstanceOf(WebhookVerificationException.class).hasMessage("Message timestamp too old");
    }

    @Test
    void theReferenceLibraryRejectsATimestampMoreThanFiveMinutesAhead() {
        long early = Instant.now().getEpochSecond() + 360;
        Map<String, String> headers = signatures.headers(DELIVERY_ID, early, BODY, List.of(SECRET));

        assertThatThrownBy(() -> new Webhook(SECRET).verify(payload(BODY), asLists(headers)))
                .isInstanceOf(WebhookVerificationException.class).hasMessage("Message timestamp too new");
    }

    @Test
    void duringRotationTheReferenceLibraryVerifiesWithEitherSecret() {
        Map<String, String> headers = signNow(List.of(SECRET, OLD_SECRET), BODY);

        assertThatCode(() -> new Webhook(SECRET).verify(payload(BODY), asLists(headers))).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(OLD_SECRET).verify(payload(BODY), asLists(headers)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(WebhookSecrets.generate()).verify(payload(BODY), asLists(headers)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void duringRotationEachHeaderListsTheNewestSignatureFirst() {
        Map<String, String> both = signatures.headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of(SECRET, OLD_SECRET));
        Map<String, String> newest = signatures.headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of(SECRET));
        Map<String, String> oldest = signatures.headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of(OLD_SECRET));

        assertThat(both.get("webhook-signature"))
                .isEqualTo(newest.get("webhook-signature") + " " + oldest.get("webhook-signature"));
        assertThat(both.get("X-Webhook-Signature"))
                .isEqualTo(newest.get("X-Webhook-Signature") + " " + oldest.get("X-Webhook-Signature"));
    }

    /**
     * The example of the Standard Webhooks specification (its secret, id, timestamp, payload and signature),
     * reproduced with {@code printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' |
     * openssl dgst -sha256 -mac HMAC -macopt hexkey:<the secret's decoded bytes in hex> -binary | base64}.
     */
    @Test
    void matchesTheStandardWebhooksSpecificationExample() {
        Map<String, String> headers = signatures.headers("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), List.of(OLD_SECRET));

        assertThat(headers.get("webhook-signature")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    // --- the DSL header ---

    /**
     * Computed once with openssl, the key being the secret's decoded bytes 0x00..0x1f ({@code -macopt hexkey:}, as the
     * key is binary):
     * <pre>
     * printf '%s' '1767323045.{"event":"order.created","data":{"id":"ord_1","name":"café"},"timestamp":"2026-01-02T03:04:05Z"}' \
     *   | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
     * printf '%s' 'msg_2Lh9dC0k.1767323045.{...the same body...}' | openssl dgst -sha256 -mac HMAC \
     *   -macopt hexkey:000102...1e1f -binary | base64
     * </pre>
     * in a UTF-8 shell, so {@code é} is the two bytes c3 a9 as in {@link #BODY}.
     */
    @Test
    void signsAFixedDeliveryAsOpensslDoes() {
        Map<String, String> headers = signatures.headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of(SECRET));

        assertThat(headers).containsExactly(
                Map.entry("webhook-id", "msg_2Lh9dC0k"),
                Map.entry("webhook-timestamp", "1767323045"),
                Map.entry("webhook-signature", "v1,XLU3OnDAvbJBDS6iqMFuZe01pZNrVCjCS14qw8dzdk4="),
                Map.entry("X-Webhook-Signature",
                        "sha256=50f248ba42ea7b9f6cc137715dfbdcb836b8a576becd01bf475dfef069a4ac8b"),
                Map.entry("X-Webhook-Timestamp", "1767323045"));
    }

    @Test
    void theDslHeaderIsTheLowercaseHexHmacOfTimestampDotBody() throws Exception {
        String secret = WebhookSecrets.generate();
        long seconds = 1_800_000_000L;

        Map<String, String> headers = WebhookSignatures.of("sha256", "X-Signature").headers("d-1", seconds, BODY,
                List.of(secret));

        byte[] signed = concat((seconds + ".").getBytes(StandardCharsets.US_ASCII), BODY);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        assertThat(headers.get("X-Signature"))
                .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(signed)))
                .matches("sha256=[0-9a-f]{64}");
        assertThat(headers.get("X-Webhook-Timestamp")).isEqualTo("1800000000");
    }

    @Test
    void signsTheExactBytesEvenWhenTheyAreNotText() {
        byte[] binary = {(byte) 0xff, 0, (byte) 0xc3, '.', 10};
        byte[] copy = binary.clone();

        Map<String, String> headers = signatures.headers(DELIVERY_ID, FIXED_SECONDS, binary, List.of(SECRET));

        assertThat(binary).isEqualTo(copy);
        assertThat(headers.get("X-Webhook-Signature")).isNotEqualTo(
                signatures.headers(DELIVERY_ID, FIXED_SECONDS, new byte[] {(byte) 0xff, 0, (byte) 0xc3, '.', 11},
                        List.of(SECRET)).get("X-Webhook-Signature"));
    }

    @Test
    void theHeadersAreReadOnly() {
        Map<String, String> headers = signatures.headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of(SECRET));

        assertThatThrownBy(() -> headers.put("webhook-id", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    // --- what is refused ---

    @ParameterizedTest
    @ValueSource(strings = {"md5", "sha1", "SHA256", "hmac-sha256", ""})
    void acceptsOnlySha256AndSha512(String algorithm) {
        assertThatThrownBy(() -> WebhookSignatures.of(algorithm, "X-Webhook-Signature"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook signature algorithm '" + algorithm + "' is not supported: only \"sha256\""
                        + " (HMAC-SHA256) and \"sha512\" (HMAC-SHA512) are; md5 and sha1 are refused as too weak");
    }

    /**
     * {@code algorithm: "sha512"} changes the DSL header only; the Standard Webhooks signature stays v1 (SHA-256).
     * Expected value from: {@code printf '%s' "1767323045.<BODY>" | openssl dgst -sha512 -mac HMAC -macopt
     * hexkey:000102…1f} (the key bytes of SECRET).
     */
    @Test
    void sha512SignsTheDslHeaderWithHmacSha512() {
        Map<String, String> sha512 = WebhookSignatures.of("sha512", "X-Webhook-Signature")
                .headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of(SECRET));
        Map<String, String> sha256 = signatures.headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of(SECRET));

        assertThat(sha512.get("X-Webhook-Signature")).isEqualTo("sha512=6da59e2469a414672517ce809281fd6ec382501ffb756c7c"
                + "c47184d6f0dce0cf073c51def4fcc0ccd9f03780766e599a1b63f41bc5765d96593f56f76a164346");
        assertThat(sha512.get("webhook-signature")).isEqualTo(sha256.get("webhook-signature"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-signature", "Webhook-Id", "WEBHOOK-TIMESTAMP", "x-webhook-timestamp"})
    void refusesAHeaderNameThatCollidesWithOneAlwaysSent(String header) {
        assertThatThrownBy(() -> WebhookSignatures.of("sha256", header)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would collide");
    }

    @Test
    void refusesABlankHeaderName() {
        assertThatThrownBy(() -> WebhookSignatures.of("sha256", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the webhook signature header name must not be blank");
    }

    @Test
    void needsAtLeastOneSecret() {
        assertThatThrownBy(() -> signatures.headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a webhook delivery needs at least one active secret");
    }

    @Test
    void refusesAMalformedSecret() {
        assertThatThrownBy(() -> signatures.headers(DELIVERY_ID, FIXED_SECONDS, BODY, List.of("not-a-secret")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not-a-secret");
    }

    private Map<String, String> signNow(List<String> secrets, byte[] body) {
        return signatures.headers(DELIVERY_ID, Instant.now().getEpochSecond(), body, secrets);
    }

    /** The library takes the payload as a String and signs its UTF-8 bytes: for a UTF-8 body, the same bytes. */
    private static String payload(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> asLists(Map<String, String> headers) {
        return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }

    private static HttpHeaders asHttpHeaders(Map<String, String> headers) {
        return HttpHeaders.of(asLists(headers), (name, value) -> true);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
