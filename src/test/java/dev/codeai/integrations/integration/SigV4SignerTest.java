package dev.codeai.integrations.integration;

import static dev.codeai.integrations.integration.SigV4Signer.UNSIGNED_PAYLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeai.integrations.integration.SigV4Signer.Credentials;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * SigV4: our signatures equal the AWS SDK for Java v2 signer's ({@link AwsV4HttpSigner}) for the same inputs at the same
 * instant, header-signed and presigned, plus AWS's published example signatures.
 */
class SigV4SignerTest {

    /** Not on a second boundary: the signer must truncate, as the SDK does. */
    private static final Instant NOW = Instant.parse("2026-12-02T17:04:05.678Z");

    private static final Credentials LONG_TERM =
            new Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Credentials TEMPORARY = new Credentials("ASIAIOSFODNN7EXAMPLE",
            "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
            Optional.of("IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+Session/Token+With=Padding=="));

    private static final Set<String> S3_LIKE = Set.of("s3", "s3express", "s3-object-lambda", "s3-outposts");
    private static final List<String> ADDED_HEADERS =
            List.of("Authorization", "X-Amz-Date", "X-Amz-Content-Sha256", "X-Amz-Security-Token");
    private static final byte[] JSON = "{\"name\":\"caf\u00e9\",\"n\":1}".getBytes(StandardCharsets.UTF_8);

    // --- header signing compared with the SDK ---

    /** A request to sign in headers; {@code body} null means {@code UNSIGNED-PAYLOAD}. */
    record HeaderCase(String name, Credentials credentials, String region, String service, String method, String uri,
            Map<String, String> headers, byte[] body) {

        String payloadHash() {
            return body == null ? UNSIGNED_PAYLOAD : SigV4Signer.sha256Hex(body);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static HeaderCase s3(String name, String method, String uri, Map<String, String> headers, byte[] body) {
        return new HeaderCase(name, LONG_TERM, "us-east-1", "s3", method, uri, headers, body);
    }

    static Stream<HeaderCase> headerCases() {
        String bucket = "https://examplebucket.s3.us-east-1.amazonaws.com";
        return Stream.of(
                s3("GET list-objects-v2 with hyphenated params and a space", "GET",
                        bucket + "/?list-type=2&max-keys=1000&prefix=a%20b", headers(), new byte[0]),
                s3("GET query: '+' as space, encoded '/', '=', '~', '*', repeated and empty params", "GET",
                        bucket + "/?prefix=a+b&delimiter=%2F&continuation-token=1%2FAbC%3D%3D&start-after=%7Euser"
                                + "&x=2&x=10&x=1&empty=&flag&marker=*&&=orphan&a=b%3Dc&b=%2B%20+&q=%e2%82%ac",
                        headers(), null),
                s3("GET query names needing encoding and sorting by encoded name", "GET",
                        bucket + "/?Zeta=1&alpha=2&a%20b=3&a-b=4&a_b=5&%C3%A9t%C3%A9=6&B=7", headers(), null),
                s3("PUT object, UNSIGNED-PAYLOAD, Content-Type and metadata", "PUT",
                        bucket + "/docs/report.json",
                        headers("Content-Type", "application/json; charset=utf-8", "Content-Length", "1024",
                                "x-amz-meta-Owner", "  Jane   Q.\tDoe  ", "x-amz-storage-class", "STANDARD_IA"),
                        null),
                s3("PUT object with a signed payload", "PUT", bucket + "/docs/caf%C3%A9.json",
                        headers("Content-Type", "application/json", "Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="), JSON),
                s3("DELETE object with space and plus in the key", "DELETE", bucket + "/my%20key/a%2Bb",
                        headers(), null),
                s3("DELETE objects (POST ?delete, valueless param)", "POST", bucket + "/?delete",
                        headers("Content-Type", "application/xml", "Content-MD5", "XrY7u+Ae7tCTyyK7j1rNww=="),
                        "<Delete/>".getBytes(StandardCharsets.UTF_8)),
                s3("HEAD object, path-style, unicode and reserved characters escaped", "HEAD",
                        "https://s3.us-east-1.amazonaws.com/examplebucket/photos/2024/%E2%82%AC%20%F0%9F%98%80"
                                + "%21%24%26%27%28%29%2A%2C%3B%3D%3A%40%5B%5D.jpg",
                        headers(), null),
                s3("GET key with slashes, unreserved punctuation and a trailing slash", "GET",
                        bucket + "/a/b//c/x~y-z_w.v/", headers("Range", "bytes=0-9"), null),
                s3("GET key with dot segments (S3 does not normalize)", "GET", bucket + "/a/./b/../c",
                        headers(), null),
                s3("GET bucket root without a path", "GET", bucket, headers(), null),
                s3("non-default port (MinIO over HTTP)", "GET", "http://localhost:9000/bucket/key%20one?uploads",
                        headers(), null),
                s3("non-default HTTPS port", "PUT", "https://s3.example.internal:8443/bucket/k",
                        headers("Content-Type", "text/plain"), "hello".getBytes(StandardCharsets.UTF_8)),
                s3("explicit default port 443 is left out of host", "GET",
                        "https://examplebucket.s3.us-east-1.amazonaws.com:443/k", headers(), null),
                s3("explicit default port 80 is left out of host", "GET", "http://localhost:80/bucket/k",
                        headers(), null),
                s3("a given Host header wins over the URI's", "GET", "http://127.0.0.1:9000/bucket/k",
                        headers("Host", "minio.local:9000"), null),
                s3("headers the SDK never signs are left out", "GET", bucket + "/k",
                        headers("User-Agent", "codeai/1.0", "Connection", "keep-alive", "Expect", "100-continue",
                                "X-Amzn-Trace-Id", "Root=1-abc", "Accept", "*/*", "If-None-Match", "\"etag\""),
                        null),
                new HeaderCase("session token", TEMPORARY, "eu-west-1", "s3", "GET",
                        "https://examplebucket.s3.eu-west-1.amazonaws.com/k?versionId=3%2FL4kqtJlcpXroDTDmJ%2BrmSpXd3dIbrHY",
                        headers(), null),
                new HeaderCase("session token with a signed body", TEMPORARY, "ap-southeast-2", "s3", "PUT",
                        "https://examplebucket.s3.ap-southeast-2.amazonaws.com/k", headers("Content-Type", "text/csv"),
                        "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)),
                new HeaderCase("execute-api GET: the path is encoded twice", LONG_TERM, "eu-west-1", "execute-api",
                        "GET", "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items/my%20item/a%2Bb"
                                + "?q=a%2Bb&tag=x&tag=%C3%A9&empty=",
                        headers("Accept", "application/json"), new byte[0]),
                new HeaderCase("execute-api POST with dot segments (normalized) and a JSON body", TEMPORARY,
                        "us-west-2", "execute-api", "POST",
                        "https://abc123.execute-api.us-west-2.amazonaws.com/prod/./v1/../v2/orders",
                        headers("Content-Type", "application/json"), JSON),
                new HeaderCase("execute-api path ending in a dot segment", LONG_TERM, "us-west-2", "execute-api",
                        "GET", "https://abc123.execute-api.us-west-2.amazonaws.com/prod/v1/.", headers(), new byte[0]),
                new HeaderCase("execute-api path with a trailing slash and raw reserved characters", LONG_TERM,
                        "us-west-2", "execute-api", "DELETE",
                        "https://abc123.execute-api.us-west-2.amazonaws.com/prod/a:b@c,d;e=f!/", headers(), null),
                new HeaderCase("dynamodb POST with X-Amz-Target", LONG_TERM, "eu-central-1", "dynamodb", "POST",
                        "https://dynamodb.eu-central-1.amazonaws.com/",
                        headers("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target",
                                "DynamoDB_20120810.GetItem"), JSON),
                new HeaderCase("lambda function URL on a custom port", LONG_TERM, "us-east-1", "lambda", "PATCH",
                        "http://localhost:3001/2015-03-31/functions/my-fn/invocations",
                        headers("content-type", "application/json"), JSON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerCases")
    void headerSignatureEqualsTheSdks(HeaderCase c) {
        Map<String, String> ours = new SigV4Signer(c.credentials(), c.region(), c.service())
                .sign(c.method(), URI.create(c.uri()), c.headers(), c.payloadHash(), NOW);

        SdkHttpRequest sdk = sdkSign(c, NOW);

        Map<String, String> expected = new LinkedHashMap<>();
        ADDED_HEADERS.forEach(name -> sdk.firstMatchingHeader(name).ifPresent(value -> expected.put(name, value)));
        assertThat(expected.get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=");
        assertThat(ours).containsExactlyEntriesOf(expected);
        assertThat(lowerCase(sdk.headers().keySet()))
                .as("the SDK adds no header that we do not return")
                .containsExactlyInAnyOrderElementsOf(union(lowerCase(c.headers().keySet()), Set.of("host"),
                        lowerCase(ours.keySet())));
    }

    @Test
    void theComparisonFailsWhenTheInputsDiffer() {
        HeaderCase c = headerCases().findFirst().orElseThrow();
        SigV4Signer signer = new SigV4Signer(c.credentials(), c.region(), c.service());
        String sdk = sdkSign(c, NOW).firstMatchingHeader("Authorization").orElseThrow();

        assertThat(signer.sign(c.method(), URI.create(c.uri()), c.headers(), c.payloadHash(), NOW.plusSeconds(1))
                .get("Authorization")).isNotEqualTo(sdk);
        assertThat(signer.sign(c.method(), URI.create(c.uri().replace("a%20b", "a%2Bb")), c.headers(),
                c.payloadHash(), NOW).get("Authorization")).isNotEqualTo(sdk);
        assertThat(new SigV4Signer(c.credentials(), c.region(), "execute-api")
                .sign(c.method(), URI.create(c.uri()), c.headers(), c.payloadHash(), NOW).get("Authorization"))
                .isNotEqualTo(sdk);
        assertThat(signer.sign(c.method(), URI.create(c.uri()), c.headers(), c.payloadHash(), NOW)
                .get("Authorization")).isEqualTo(sdk);
    }

    private static SdkHttpRequest sdkSign(HeaderCase c, Instant at) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(c.method()))
                .uri(URI.create(c.uri()));
        c.headers().forEach(request::putHeader);
        return AwsV4HttpSigner.create().sign((SignRequest.Builder<AwsCredentialsIdentity> r) -> {
            common(r, c.credentials(), c.region(), c.service(), at)
                    .request(request.build())
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, c.body() != null);
            if (c.body() != null) {
                r.payload(ContentStreamProvider.fromByteArray(c.body()));
            }
        }).request();
    }

    /** The properties the SDK's clients set: S3's turn double-encoding and path normalization off. */
    private static SignRequest.Builder<AwsCredentialsIdentity> common(SignRequest.Builder<AwsCredentialsIdentity> r,
            Credentials credentials, String region, String service, Instant at) {
        r.identity(identity(credentials))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
        if (S3_LIKE.contains(service)) {
            r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
        }
        return r;
    }

    private static AwsCredentialsIdentity identity(Credentials credentials) {
        return credentials.sessionToken()
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(
                        credentials.accessKey(), credentials.secretKey(), token))
                .orElseGet(() -> AwsCredentialsIdentity.create(credentials.accessKey(), credentials.secretKey()));
    }

    // --- presigned URLs compared with the SDK ---

    /** A URL to presign. */
    record PresignCase(String name, Credentials credentials, String region, String service, String method, String uri,
            Duration expiresIn, Optional<String> contentType) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<PresignCase> presignCases() {
        String bucket = "https://examplebucket.s3.us-east-1.amazonaws.com";
        return Stream.of(
                new PresignCase("GET object, key with space, plus and unicode", LONG_TERM, "us-east-1", "s3", "GET",
                        bucket + "/photos/my%20key/a%2Bb/%E2%82%AC.jpg", Duration.ofHours(1), Optional.empty()),
                new PresignCase("PUT object with a Content-Type", LONG_TERM, "us-east-1", "s3", "PUT",
                        bucket + "/uploads/report%20final.pdf", Duration.ofMinutes(15),
                        Optional.of("application/pdf")),
                new PresignCase("PUT object, Content-Type with parameters and extra spaces", LONG_TERM, "us-east-1",
                        "s3", "PUT", bucket + "/u.txt", Duration.ofSeconds(90),
                        Optional.of("  text/plain;   charset=utf-8 ")),
                new PresignCase("session token", TEMPORARY, "eu-west-1", "s3", "GET",
                        "https://examplebucket.s3.eu-west-1.amazonaws.com/k", Duration.ofMinutes(5), Optional.empty()),
                new PresignCase("existing query parameters stay and are signed", LONG_TERM, "us-east-1", "s3", "GET",
                        bucket + "/k?versionId=3%2FL4kq%2Brm&response-content-disposition="
                                + "attachment%3B%20filename%3D%22a%20b.txt%22&response-content-type=text/plain&x=a+b",
                        Duration.ofHours(12), Optional.empty()),
                new PresignCase("non-default port", LONG_TERM, "us-east-1", "s3", "GET",
                        "http://localhost:9000/bucket/some/key", Duration.ofDays(1), Optional.empty()),
                new PresignCase("shortest expiry, DELETE", TEMPORARY, "us-east-1", "s3", "DELETE",
                        bucket + "/k", Duration.ofSeconds(1), Optional.empty()),
                new PresignCase("longest expiry (7 days)", LONG_TERM, "us-east-1", "s3", "GET",
                        bucket + "/k", Duration.ofSeconds(604_800), Optional.empty()),
                new PresignCase("fractional expiry is cut to whole seconds", LONG_TERM, "us-east-1", "s3", "GET",
                        bucket + "/k", Duration.ofMillis(1500), Optional.empty()),
                new PresignCase("rds-db IAM auth token (not S3)", TEMPORARY, "us-east-1", "rds-db", "GET",
                        "https://mydb.cluster-abc.us-east-1.rds.amazonaws.com:5432/?Action=connect&DBUser=jane_doe",
                        Duration.ofMinutes(15), Optional.empty()),
                new PresignCase("execute-api, path encoded twice", LONG_TERM, "eu-west-1", "execute-api", "GET",
                        "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items/my%20item?q=1",
                        Duration.ofMinutes(10), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presignCases")
    void presignedUrlEqualsTheSdks(PresignCase c) {
        URI ours = new SigV4Signer(c.credentials(), c.region(), c.service())
                .presign(c.method(), URI.create(c.uri()), c.expiresIn(), c.contentType(), NOW);

        URI sdk = sdkPresign(c);

        assertThat(ours.getScheme()).isEqualTo(sdk.getScheme());
        assertThat(ours.getRawAuthority()).isEqualTo(sdk.getRawAuthority());
        assertThat(ours.getRawPath()).isEqualTo(sdk.getRawPath());
        assertThat(sortedParameters(ours)).isEqualTo(sortedParameters(sdk));
        assertThat(parameter(ours, "X-Amz-Signature")).hasSize(64);

        List<String> names = parameterNames(ours);
        List<String> auth = names.subList(names.indexOf("X-Amz-Algorithm"), names.size());
        List<String> expectedOrder = new ArrayList<>(List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
                "X-Amz-Expires", "X-Amz-SignedHeaders"));
        c.credentials().sessionToken().ifPresent(token -> expectedOrder.add("X-Amz-Security-Token"));
        expectedOrder.add("X-Amz-Signature");
        assertThat(auth).containsExactlyElementsOf(expectedOrder);
        assertThat(URI.create(c.uri()).getRawQuery() == null ? "" : URI.create(c.uri()).getRawQuery())
                .as("the given query is kept as it was sent")
                .isEqualTo(ours.getRawQuery().substring(0, Math.max(0, ours.getRawQuery().indexOf("X-Amz-Algorithm=")
                        - 1)));
    }

    private static URI sdkPresign(PresignCase c) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(c.method()))
                .uri(URI.create(c.uri()));
        c.contentType().ifPresent(type -> request.putHeader("Content-Type", type));
        return AwsV4HttpSigner.create().sign((SignRequest.Builder<AwsCredentialsIdentity> r) ->
                common(r, c.credentials(), c.region(), c.service(), NOW)
                        .request(request.build())
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, c.expiresIn())
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false))
                .request().getUri();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 604_801, 31_536_000})
    void presignRejectsAnExpiryOutsideOneSecondToSevenDays(long seconds) {
        SigV4Signer signer = new SigV4Signer(LONG_TERM, "us-east-1", "s3");

        assertThatThrownBy(() -> signer.presign("GET", URI.create("https://b.s3.amazonaws.com/k"),
                Duration.ofSeconds(seconds), Optional.empty(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 604800 seconds")
                .hasMessageContaining(Long.toString(seconds));
        assertThatThrownBy(() -> signer.presign("GET", URI.create("https://b.s3.amazonaws.com/k"),
                Duration.ofMillis(999), Optional.empty(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void presignRejectsAUrlThatIsAlreadyPresigned() {
        SigV4Signer signer = new SigV4Signer(LONG_TERM, "us-east-1", "s3");

        assertThatThrownBy(() -> signer.presign("GET", URI.create("https://b.s3.amazonaws.com/k?X-Amz-Signature=ab"),
                Duration.ofMinutes(1), Optional.empty(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Amz-Signature");
    }

    // --- published AWS vectors ---

    /** AWS SigV4 test suite, "get-vanilla": the canonical request and signature as published. */
    @Test
    void awsTestSuiteGetVanilla() {
        SigV4Signer signer = new SigV4Signer(
                new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "us-east-1", "service");
        Instant at = Instant.parse("2015-08-30T12:36:00Z");
        TreeMap<String, String> signed = new TreeMap<>(Map.of(
                "host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z"));

        String canonical = signer.canonicalRequest("GET", URI.create("https://example.amazonaws.com/"), signed,
                SigV4Signer.sha256Hex(new byte[0]));

        assertThat(canonical).isEqualTo("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(signer.signature(canonical, at))
                .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    /** Amazon S3 API reference, SigV4 header-based auth, "Example: GET Object". */
    @Test
    void s3DocumentationGetObject() {
        SigV4Signer signer = new SigV4Signer(LONG_TERM, "us-east-1", "s3");

        Map<String, String> added = signer.sign("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"),
                Map.of("Range", "bytes=0-9"), SigV4Signer.sha256Hex(new byte[0]), Instant.parse("2013-05-24T00:00:00Z"));

        assertThat(added).containsExactly(
                Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                        + "aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
                Map.entry("X-Amz-Date", "20130524T000000Z"),
                Map.entry("X-Amz-Content-Sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    /** Amazon S3 API reference, SigV4 query-string auth, the presigned GET example. */
    @Test
    void s3DocumentationPresignedUrl() {
        SigV4Signer signer = new SigV4Signer(LONG_TERM, "us-east-1", "s3");

        URI url = signer.presign("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"),
                Duration.ofSeconds(86_400), Optional.empty(), Instant.parse("2013-05-24T00:00:00Z"));

        assertThat(url).hasToString("https://examplebucket.s3.amazonaws.com/test.txt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    }

    // --- the rest of the contract ---

    @Test
    void sha256HexIsLowerCaseHex() {
        assertThat(SigV4Signer.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(SigV4Signer.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void neitherToStringNorErrorsShowTheSecretOrTheSessionToken() {
        String secret = TEMPORARY.secretKey();
        String token = TEMPORARY.sessionToken().orElseThrow();
        SigV4Signer signer = new SigV4Signer(TEMPORARY, "us-east-1", "s3");

        assertThat(TEMPORARY.toString()).contains("ASIAIOSFODNN7EXAMPLE").doesNotContain(secret, token);
        assertThat(LONG_TERM.toString()).doesNotContain(LONG_TERM.secretKey());
        assertThat(signer.toString()).doesNotContain(secret, token, TEMPORARY.accessKey());
        URI uri = URI.create("https://b.s3.amazonaws.com/k");
        List<Runnable> failures = List.of(
                () -> signer.sign("GET", uri, Map.of("X-Amz-Security-Token", token), UNSIGNED_PAYLOAD, NOW),
                () -> signer.sign("GET", uri, Map.of(), secret, NOW),
                () -> signer.presign("GET", uri, Duration.ZERO, Optional.empty(), NOW),
                () -> new Credentials("AKID", " ", Optional.of(token)));
        for (Runnable failure : failures) {
            assertThatThrownBy(failure::run).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret, token));
        }
    }

    @Test
    void s3PathsMustAlreadyBeInRfc3986FormAndTheErrorSaysWhatToSend() {
        SigV4Signer signer = new SigV4Signer(LONG_TERM, "us-east-1", "s3");

        assertThatThrownBy(() -> signer.sign("GET", URI.create("https://b.s3.amazonaws.com/a+b=c"), Map.of(),
                UNSIGNED_PAYLOAD, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("send /a%2Bb%3Dc instead of /a+b=c");
        assertThatThrownBy(() -> signer.sign("GET", URI.create("https://b.s3.amazonaws.com/a%2fb%7E"), Map.of(),
                UNSIGNED_PAYLOAD, NOW))
                .hasMessageContaining("send /a/b~ instead");
        assertThatThrownBy(() -> signer.sign("GET", URI.create("https://b.s3.amazonaws.com/caf\u00e9"), Map.of(),
                UNSIGNED_PAYLOAD, NOW))
                .hasMessageContaining("ASCII");
    }

    /** The SDK parses {@code a=b=c} as {@code a=b} (it drops {@code =c}); the service sees {@code b=c}. */
    @Test
    void aRawEqualsSignInAQueryValueIsRejectedInsteadOfSignedEitherWay() {
        SigV4Signer signer = new SigV4Signer(LONG_TERM, "us-east-1", "s3");

        assertThatThrownBy(() -> signer.sign("GET", URI.create("https://b.s3.amazonaws.com/k?a=b=c"), Map.of(),
                UNSIGNED_PAYLOAD, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("%3D");
        assertThat(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create("https://b/k?a=b=c")).build()
                .rawQueryParameters()).containsExactly(Map.entry("a", List.of("b")));
    }

    @Test
    void headersTheSignerSetsOrGivenTwiceAreRejected() {
        SigV4Signer signer = new SigV4Signer(LONG_TERM, "us-east-1", "s3");
        URI uri = URI.create("https://b.s3.amazonaws.com/k");
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("Content-Type", "a/b");
        twice.put("content-type", "c/d");

        assertThatThrownBy(() -> signer.sign("GET", uri, Map.of("x-amz-date", "x"), UNSIGNED_PAYLOAD, NOW))
                .hasMessageContaining("sets the x-amz-date header itself");
        assertThatThrownBy(() -> signer.sign("GET", uri, twice, UNSIGNED_PAYLOAD, NOW))
                .hasMessageContaining("given twice");
    }

    // --- helpers ---

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static Set<String> lowerCase(Set<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }

    /** The decoded name=value pairs, sorted: the same parameters, whatever their order or escaping. */
    private static List<String> sortedParameters(URI uri) {
        return pairs(uri).stream().sorted().toList();
    }

    private static List<String> parameterNames(URI uri) {
        return pairs(uri).stream().map(p -> p.substring(0, p.indexOf('='))).toList();
    }

    private static String parameter(URI uri, String name) {
        return pairs(uri).stream().filter(p -> p.startsWith(name + "=")).map(p -> p.substring(name.length() + 1))
                .findFirst().orElseThrow();
    }

    private static List<String> pairs(URI uri) {
        List<String> pairs = new ArrayList<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.add(URLDecoder.decode(name, StandardCharsets.UTF_8) + "="
                    + URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return pairs;
    }
}
