package dev.codeai.integrations.webhook;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Endpoint secrets in the Standard Webhooks form {@code whsec_<standard Base64>}: generated, checked and turned into
 * HMAC keys (DSL.md §5.4 signature rules). Thread-safe. Messages never quote the secret, since they reach responses
 * and logs.
 */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    /** What every response except those of create and rotate shows instead of the secret. */
    public static final String MASKED = "whsec_********";
    public static final int GENERATED_BYTES = 32;
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;

    /** SecureRandom is safe for concurrent use; one instance avoids reseeding per endpoint. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    /** A new secret of {@value #GENERATED_BYTES} random bytes, for an endpoint created without one or rotated. */
    public static String generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        String secret = PREFIX + Base64.getEncoder().encodeToString(key);
        Arrays.fill(key, (byte) 0);
        return secret;
    }

    /** Why a caller-supplied secret is refused (a 400 on field {@code secret}), or empty when it is accepted. */
    public static Optional<String> problem(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.of("must start with '" + PREFIX + "' followed by standard Base64");
        }
        String encoded = secret.substring(PREFIX.length());
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Optional.of("must be '" + PREFIX + "' followed by standard Base64 (A-Z a-z 0-9 + /, '=' padding)"
                    + " without spaces or line breaks");
        }
        // The JDK decoder also takes unpadded text and stray low bits; only the encoder's own output is canonical.
        if (!Base64.getEncoder().encodeToString(key).equals(encoded)) {
            return Optional.of("must be '" + PREFIX + "' followed by padded standard Base64, as an encoder writes it");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            return Optional.of("must decode to " + MIN_BYTES + " to " + MAX_BYTES + " bytes but decodes to "
                    + key.length);
        }
        return Optional.empty();
    }

    /**
     * The HMAC key: the Base64-decoded bytes after {@code whsec_} (the Standard Webhooks rule), a fresh array the
     * caller owns.
     *
     * @throws IllegalArgumentException when the secret lacks the prefix, is not Base64 or is empty
     */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret must start with '" + PREFIX + "'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret must be '" + PREFIX + "' followed by standard Base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("a webhook secret must not be empty after '" + PREFIX + "'");
        }
        return key;
    }
}
