package dev.codeai.integrations.integration;

import static dev.codeai.integrations.integration.SigV4Canonical.appendParameters;
import static dev.codeai.integrations.integration.SigV4Canonical.canonicalQuery;
import static dev.codeai.integrations.integration.SigV4Canonical.canonicalValue;
import static dev.codeai.integrations.integration.SigV4Canonical.doubleEncodedUri;
import static dev.codeai.integrations.integration.SigV4Canonical.givenHeaders;
import static dev.codeai.integrations.integration.SigV4Canonical.hostHeader;
import static dev.codeai.integrations.integration.SigV4Canonical.s3CanonicalUri;
import static dev.codeai.integrations.integration.SigV4Canonical.withQuery;
import static dev.codeai.integrations.integration.SigV4Inputs.checkExpiry;
import static dev.codeai.integrations.integration.SigV4Inputs.checkMethod;
import static dev.codeai.integrations.integration.SigV4Inputs.checkNoPresignParameters;
import static dev.codeai.integrations.integration.SigV4Inputs.checkPayloadHash;
import static dev.codeai.integrations.integration.SigV4Inputs.checkUri;
import static dev.codeai.integrations.integration.SigV4Inputs.requireScopePart;
import static dev.codeai.integrations.integration.SigV4Inputs.requireText;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 (SigV4) with the JDK alone: signed headers for a request, or a presigned URL.
 *
 * <p>The canonical request follows what the AWS SDK for Java v2 signer computes, which {@code SigV4SignerTest} checks:
 * <ul>
 *   <li>The URI is taken as sent on the wire: its path and query already percent-encoded
 *       (e.g. {@code /bucket/my%20key/a%2Bb}), in ASCII ({@code URI.create(uri.toASCIIString())} gets there).</li>
 *   <li>Canonical URI, S3 services ({@code s3}, {@code s3express}, {@code s3-object-lambda}, {@code s3-outposts}): the
 *       raw path itself, no dot-segment removal and no second encoding. The path must then already be in RFC 3986 form
 *       (only unreserved characters, {@code /} and upper-case {@code %XX} escapes of other bytes), or the signature
 *       would not be the one S3 computes; anything else is rejected with the form to send instead.</li>
 *   <li>Canonical URI, other services: dot segments removed, then every character but unreserved ones and {@code /}
 *       percent-encoded again, so {@code %20} becomes {@code %2520}.</li>
 *   <li>Canonical query: names and values decoded ({@code +} as a space, like the SDK) and re-encoded by RFC 3986,
 *       sorted by name then value; {@code a} and {@code a=} both become {@code a=}; parameters without a name are
 *       not signed. A raw {@code =} inside a value ({@code a=b=c}) is rejected: the SDK would sign {@code a=b},
 *       the service {@code a=b%3Dc}; send {@code a=b%3Dc}.</li>
 *   <li>Signed headers: {@code host} (with {@code :port} when not the scheme's default; a given {@code Host} header wins)
 *       and every given header, lower-cased, values trimmed with inner whitespace runs collapsed to one space, sorted.
 *       Like the SDK, {@code connection}, {@code expect}, {@code transfer-encoding}, {@code user-agent},
 *       {@code x-amzn-trace-id} and {@code x-forwarded-for} are never signed: proxies may change them.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. Neither {@link #toString()} nor any exception message shows the secret
 * key or the session token.
 */
public final class SigV4Signer {

    /** The payload hash that leaves the body unsigned (S3 over HTTPS, and every presigned URL). */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    /** The longest validity of a presigned URL: 7 days (604,800 s). */
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String TERMINATOR = "aws4_request";
    private static final String HMAC = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final Set<String> S3_SERVICES = Set.of("s3", "s3express", "s3-object-lambda", "s3-outposts");

    /**
     * AWS credentials. {@link #toString()} shows the access key id only, never the secret key or the session token.
     *
     * @param accessKey    the access key id
     * @param secretKey    the secret access key
     * @param sessionToken the session token of temporary credentials, sent as {@code X-Amz-Security-Token}
     */
    public record Credentials(String accessKey, String secretKey, Optional<String> sessionToken) {

        /** Checks that each part is present and not blank. */
        public Credentials {
            requireText(accessKey, "accessKey");
            requireText(secretKey, "secretKey");
            Objects.requireNonNull(sessionToken, "sessionToken must not be null; use Optional.empty()");
            sessionToken.ifPresent(token -> requireText(token, "sessionToken"));
        }

        /** Long-term credentials, without a session token. */
        public Credentials(String accessKey, String secretKey) {
            this(accessKey, secretKey, Optional.empty());
        }

        @Override
        public String toString() {
            return "Credentials[accessKey=" + accessKey + ", secretKey=****, sessionToken="
                    + (sessionToken.isPresent() ? "****" : "none") + "]";
        }
    }

    private final Credentials credentials;
    private final String region;
    private final String service;

    /**
     * A signer for one set of credentials, region and service signing name.
     *
     * @param credentials the credentials to sign with
     * @param region      the region, e.g. {@code us-east-1}
     * @param service     the service signing name, e.g. {@code s3} or {@code execute-api}
     */
    public SigV4Signer(Credentials credentials, String region, String service) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = requireScopePart(region, "region");
        this.service = requireScopePart(service, "service");
    }

    /**
     * The SHA-256 of a request body, as lower-case hex: the payload hash of a signed body.
     *
     * @param body the exact bytes to be sent
     * @return 64 lower-case hex digits
     */
    public static String sha256Hex(byte[] body) {
        Objects.requireNonNull(body, "body");
        return Sha256.hex(body);
    }

    /**
     * Signs a request in the {@code Authorization} header.
     *
     * @param method      the HTTP method, e.g. {@code GET}
     * @param uri         the absolute request URI, encoded as it is sent
     * @param headers     the headers that are sent and to be signed (the ones the signer adds must not be among them)
     * @param payloadHash {@link #sha256Hex(byte[])} of the body, or {@link #UNSIGNED_PAYLOAD}
     * @param now         the signing time
     * @return the headers to add to the request: {@code Authorization}, {@code X-Amz-Date},
     *         {@code X-Amz-Content-Sha256}, and {@code X-Amz-Security-Token} when the credentials carry a session token
     * @throws IllegalArgumentException when an argument cannot be signed as it stands (the message says why)
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, String payloadHash,
            Instant now) {
        checkMethod(method);
        checkUri(uri);
        checkPayloadHash(payloadHash);
        Objects.requireNonNull(now, "now");
        String amzDate = DATE_TIME.format(now);

        SortedMap<String, String> signed = givenHeaders(headers);
        signed.putIfAbsent("host", hostHeader(uri));
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", amzDate);
        credentials.sessionToken().ifPresent(token -> signed.put("x-amz-security-token", canonicalValue(token)));

        String signature = signature(canonicalRequest(method, uri, signed, payloadHash), now);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("Authorization", ALGORITHM + " Credential=" + credential(now)
                + ", SignedHeaders=" + String.join(";", signed.keySet()) + ", Signature=" + signature);
        added.put("X-Amz-Date", amzDate);
        added.put("X-Amz-Content-Sha256", payloadHash);
        credentials.sessionToken().ifPresent(token -> added.put("X-Amz-Security-Token", token));
        return Collections.unmodifiableMap(added);
    }

    /**
     * A presigned URL: SigV4 in the query string, with an {@code UNSIGNED-PAYLOAD} body. It signs {@code host} and,
     * when given, {@code content-type}, which the request made with the URL (typically a PUT) must then send unchanged.
     *
     * @param method      the HTTP method the URL is for
     * @param uri         the absolute URI, encoded as it is sent; its query parameters stay and are signed
     * @param expiresIn   how long the URL is valid, 1 s to 7 days ({@code X-Amz-Expires} in whole seconds)
     * @param contentType the {@code Content-Type} header to sign, if any
     * @param now         the signing time, from which the validity counts
     * @return the URI with {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
     *         {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Security-Token} (when there is a session
     *         token) and, last, {@code X-Amz-Signature} appended to its query
     * @throws IllegalArgumentException when the expiry is out of range or an argument cannot be signed as it stands
     */
    public URI presign(String method, URI uri, Duration expiresIn, Optional<String> contentType, Instant now) {
        checkMethod(method);
        checkUri(uri);
        checkExpiry(expiresIn);
        Objects.requireNonNull(contentType, "contentType must not be null; use Optional.empty()");
        Objects.requireNonNull(now, "now");
        checkNoPresignParameters(uri.getRawQuery());

        SortedMap<String, String> signed = new TreeMap<>();
        signed.put("host", hostHeader(uri));
        contentType.ifPresent(type -> signed.put("content-type", canonicalValue(type)));

        Map<String, String> auth = new LinkedHashMap<>();
        auth.put("X-Amz-Algorithm", ALGORITHM);
        auth.put("X-Amz-Credential", credential(now));
        auth.put("X-Amz-Date", DATE_TIME.format(now));
        auth.put("X-Amz-Expires", Long.toString(expiresIn.getSeconds()));
        auth.put("X-Amz-SignedHeaders", String.join(";", signed.keySet()));
        credentials.sessionToken().ifPresent(token -> auth.put("X-Amz-Security-Token", token));

        String query = appendParameters(uri.getRawQuery(), auth);
        URI unsigned = withQuery(uri, query);
        String signature = signature(canonicalRequest(method, unsigned, signed, UNSIGNED_PAYLOAD), now);
        return withQuery(uri, appendParameters(query, Map.of("X-Amz-Signature", signature)));
    }

    /** Shows the region and service only. */
    @Override
    public String toString() {
        return "SigV4Signer[region=" + region + ", service=" + service + "]";
    }

    // --- the canonical request and the signature (package-private for the AWS test-suite vector) ---

    /** The canonical request over exactly {@code signedHeaders} (lower-case names, canonical values). */
    String canonicalRequest(String method, URI uri, SortedMap<String, String> signedHeaders, String payloadHash) {
        StringBuilder headerLines = new StringBuilder();
        signedHeaders.forEach((name, value) -> headerLines.append(name).append(':').append(value).append('\n'));
        return method + '\n'
                + canonicalUri(uri) + '\n'
                + canonicalQuery(uri.getRawQuery()) + '\n'
                + headerLines + '\n'
                + String.join(";", signedHeaders.keySet()) + '\n'
                + payloadHash;
    }

    /** The hex signature of a canonical request at {@code now}, with this signer's key and scope. */
    String signature(String canonicalRequest, Instant now) {
        String stringToSign = ALGORITHM + '\n'
                + DATE_TIME.format(now) + '\n'
                + scope(now) + '\n'
                + Sha256.hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(hmac(signingKey(now), stringToSign));
    }

    private byte[] signingKey(Instant now) {
        byte[] key = ("AWS4" + credentials.secretKey()).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of(DATE.format(now), region, service, TERMINATOR)) {
            key = hmac(key, part);
        }
        return key;
    }

    private String scope(Instant now) {
        return DATE.format(now) + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    private String credential(Instant now) {
        return credentials.accessKey() + '/' + scope(now);
    }

    // --- canonical URI ---

    private String canonicalUri(URI uri) {
        return S3_SERVICES.contains(service) ? s3CanonicalUri(uri.getRawPath()) : doubleEncodedUri(uri);
    }

    // --- encoding and crypto ---

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot compute " + HMAC, e);
        }
    }
}
