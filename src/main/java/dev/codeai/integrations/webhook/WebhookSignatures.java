package dev.codeai.integrations.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature headers of one delivery attempt over the exact body bytes (DSL.md §5.4 signature rules): the
 * Standard Webhooks trio (always HMAC-SHA256) and the DSL's own header with its timestamp ({@code sha256=} or, with
 * {@code algorithm: "sha512"}, {@code sha512=}), one signature per active secret, newest first. Immutable and
 * thread-safe; each call uses its own {@link Mac}s.
 */
public final class WebhookSignatures {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    public static final String DSL_TIMESTAMP = "X-Webhook-Timestamp";

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final String HMAC_SHA512 = "HmacSHA512";
    private static final Set<String> RESERVED = Set.of(ID, TIMESTAMP, SIGNATURE, DSL_TIMESTAMP.toLowerCase(Locale.ROOT));
    /** "v1," + 44 Base64 characters, "sha256=" + 64 hex digits, each with a separating space. */
    private static final int V1_LENGTH = 48;
    private static final int SHA256_LENGTH = 72;

    private final String header;
    /** The DSL header's HMAC ({@code sha256} or {@code sha512}); the Standard Webhooks {@code v1} is always SHA-256. */
    private final String algorithm;

    private WebhookSignatures(String header, String algorithm) {
        this.header = header;
        this.algorithm = algorithm;
    }

    /**
     * The signer for a DSL {@code signature} block.
     *
     * @throws IllegalArgumentException for an algorithm other than {@code sha256} or {@code sha512}, or a header name
     *                                  that is blank or one of the headers always sent
     */
    public static WebhookSignatures of(String algorithm, String header) {
        if (!"sha256".equals(algorithm) && !"sha512".equals(algorithm)) {
            throw new IllegalArgumentException("webhook signature algorithm '" + algorithm + "' is not supported: only "
                    + "\"sha256\" (HMAC-SHA256) and \"sha512\" (HMAC-SHA512) are; md5 and sha1 are refused as too weak");
        }
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("the webhook signature header name must not be blank");
        }
        if (RESERVED.contains(header.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the webhook signature header '" + header + "' would collide with one"
                    + " of the headers always sent: " + List.of(ID, TIMESTAMP, SIGNATURE, DSL_TIMESTAMP));
        }
        return new WebhookSignatures(header, algorithm);
    }

    /** The DSL header's name, e.g. {@code X-Webhook-Signature}. */
    public String header() {
        return header;
    }

    /**
     * The headers to send, in this order: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature},
     * the DSL header and {@code X-Webhook-Timestamp}.
     *
     * @param deliveryId the delivery's id, the same on every attempt
     * @param timestamp  this attempt's Unix seconds
     * @param body       the bytes sent, read and never kept
     * @param secrets    the active secrets, newest first
     * @throws IllegalArgumentException when there is no secret or a secret is malformed
     */
    public Map<String, String> headers(String deliveryId, long timestamp, byte[] body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook delivery needs at least one active secret");
        }
        String seconds = Long.toString(timestamp);
        byte[] standardPrefix = (deliveryId + '.' + seconds + '.').getBytes(StandardCharsets.UTF_8);
        byte[] dslPrefix = (seconds + '.').getBytes(StandardCharsets.US_ASCII);
        StringBuilder v1 = new StringBuilder(V1_LENGTH * secrets.size());
        StringBuilder sha256 = new StringBuilder(SHA256_LENGTH * secrets.size());
        Mac mac = hmac(HMAC_SHA256);
        Mac dslMac = "sha512".equals(algorithm) ? hmac(HMAC_SHA512) : mac;
        for (String secret : secrets) {
            byte[] key = WebhookSecrets.key(secret);
            init(mac, key);
            if (dslMac != mac) {
                init(dslMac, key);
            }
            Arrays.fill(key, (byte) 0); // SecretKeySpec keeps its own copy
            if (!v1.isEmpty()) {
                v1.append(' ');
                sha256.append(' ');
            }
            v1.append("v1,").append(Base64.getEncoder().encodeToString(sign(mac, standardPrefix, body)));
            sha256.append(algorithm).append('=').append(HexFormat.of().formatHex(sign(dslMac, dslPrefix, body)));
        }
        Map<String, String> headers = new LinkedHashMap<>(8);
        headers.put(ID, deliveryId);
        headers.put(TIMESTAMP, seconds);
        headers.put(SIGNATURE, v1.toString());
        headers.put(header, sha256.toString());
        headers.put(DSL_TIMESTAMP, seconds);
        return Collections.unmodifiableMap(headers);
    }

    /** The MAC of prefix + body without copying the body; the Mac is left reset, ready for the next message. */
    private static byte[] sign(Mac mac, byte[] prefix, byte[] body) {
        mac.update(prefix);
        mac.update(body);
        return mac.doFinal();
    }

    private static void init(Mac mac, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(mac.getAlgorithm() + " refused the webhook secret's key", e);
        }
    }

    private static Mac hmac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no " + algorithm, e);
        }
    }
}
