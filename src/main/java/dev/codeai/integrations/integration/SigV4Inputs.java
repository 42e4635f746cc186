package dev.codeai.integrations.integration;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** What {@link SigV4Signer} accepts from its callers; anything else is an IllegalArgumentException saying why. */
final class SigV4Inputs {

    private static final Set<String> PRESIGN_PARAMETERS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");
    private static final Pattern PAYLOAD_HASH = Pattern.compile("[0-9a-f]{64}|[A-Z0-9-]+");
    private static final Pattern SCOPE_PART = Pattern.compile("[a-z0-9-]+");

    private SigV4Inputs() {
    }

    static void checkMethod(String method) {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("Not an HTTP method: " + method);
        }
    }

    static void checkUri(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("The URI must be absolute http(s) with a host: " + uri.getScheme()
                    + "://" + uri.getHost());
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The URI must not carry user info");
        }
        String path = uri.getRawPath();
        if (path != null && !path.chars().allMatch(c -> c < 0x80)) {
            throw new IllegalArgumentException("The URI path must be ASCII, percent-encoded as sent"
                    + " (URI.create(uri.toASCIIString()) does it): " + path);
        }
    }

    static void checkPayloadHash(String payloadHash) {
        if (payloadHash == null || !PAYLOAD_HASH.matcher(payloadHash).matches()) {
            throw new IllegalArgumentException("The payload hash must be sha256Hex(body) (64 lower-case hex digits)"
                    + " or " + SigV4Signer.UNSIGNED_PAYLOAD + " (the value given is not shown)");
        }
    }

    static void checkExpiry(Duration expiresIn) {
        Objects.requireNonNull(expiresIn, "expiresIn");
        if (expiresIn.compareTo(Duration.ofSeconds(1)) < 0 || expiresIn.compareTo(SigV4Signer.MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("A presigned URL expires after 1 to 604800 seconds (7 days), not after "
                    + expiresIn.getSeconds() + " s (" + expiresIn + ")");
        }
    }

    static void checkNoPresignParameters(String rawQuery) {
        if (rawQuery == null) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            String name = SigV4Canonical.queryDecode(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair);
            if (PRESIGN_PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("The URI is already presigned: its query has " + name);
            }
        }
    }

    static String requireScopePart(String value, String what) {
        if (value == null || !SCOPE_PART.matcher(value).matches()) {
            throw new IllegalArgumentException("The " + what + " must be lower-case letters, digits and '-': "
                    + value);
        }
        return value;
    }

    static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " must not be blank");
        }
    }
}
