package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeai.integrations.security.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * StorageService of the example DSL against s3proxy, a real S3-compatible server started by the build
 * (pom.xml, ItS3Proxy): every request is SigV4-signed by the gateway, uploads and downloads are raw bytes,
 * listings come back as JSON, presigned URLs work without the gateway.
 */
class StorageIT {

    private static final String ENDPOINT = System.getProperty("it.s3.endpoint", "http://127.0.0.1:18092");
    private static final String BUCKET = "storage-it";
    /** Java's default client: it asks plain-HTTP servers to upgrade to HTTP/2. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** "A few MB": what a 200 MB transfer may add to the server's old generation at its peak. */
    private static final long MAX_HEAP_GROWTH = 16L * 1024 * 1024;

    @BeforeAll
    static void createBucket() throws Exception {
        SigV4Signer signer = new SigV4Signer(new SigV4Signer.Credentials(System.getProperty("it.s3.accessKey",
                "it-access-key"), System.getProperty("it.s3.secretKey", "it-secret-key")), "us-east-1", "s3");
        URI bucket = URI.create(ENDPOINT + "/" + BUCKET);
        HttpRequest.Builder request = HttpRequest.newBuilder(bucket).PUT(HttpRequest.BodyPublishers.noBody());
        signer.sign("PUT", bucket, Map.of(), SigV4Signer.sha256Hex(new byte[0]), Instant.now()).forEach(request::header);
        int status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).as("bucket created, or already there from an earlier test").isIn(200, 409);
    }

    @Test
    void uploadsDownloadsListsAndDeletesAnObject() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(4).nextBytes(content);
        String key = "reports/2026/q4 summary+final.bin";

        HttpResponse<String> uploaded = upload(key, "application/x-report", content);
        HttpResponse<byte[]> downloaded = invokeForBytes("download", Map.of("bucket", BUCKET, "key", key));
        HttpResponse<String> listed = Gateway.invoke("StorageService", "list_objects",
                "{\"bucket\":\"" + BUCKET + "\",\"prefix\":\"reports/2026/\"}");
        HttpResponse<String> deleted = Gateway.invoke("StorageService", "delete",
                "{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + key + "\"}");
        HttpResponse<byte[]> gone = invokeForBytes("download", Map.of("bucket", BUCKET, "key", key));

        assertThat(uploaded.statusCode()).isEqualTo(200);
        JsonObject receipt = json(uploaded.body());
        assertThat(receipt.getString("etag")).isEqualTo("\"" + HexFormat.of().formatHex(
                MessageDigest.getInstance("MD5").digest(content)) + "\"");
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.headers().firstValue("Content-Type")).contains("application/x-report");
        assertThat(downloaded.body()).isEqualTo(content);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonObject listing = json(listed.body());
        assertThat(listing.getJsonArray("contents")).hasSize(1);
        assertThat(listing.getJsonArray("contents").getJsonObject(0).getString("key")).isEqualTo(key);
        assertThat(listing.getJsonArray("contents").getJsonObject(0).getJsonNumber("size").longValue())
                .isEqualTo(content.length);
        assertThat(listing.getBoolean("is_truncated")).isFalse();
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(gone.statusCode()).as("S3's own 404 passes through").isEqualTo(404);
    }

    @Test
    void streams200MegabytesUpAndDownWithoutHoldingThemInTheServersHeap() throws Exception {
        long size = 200L * 1024 * 1024;
        String key = "large/200mb.bin";
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (ServerHeap heap = ServerHeap.ofItServer()) {
            heap.resetPeak();
            HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(Gateway.BASE_URL
                            + "/integrations/StorageService/operations/upload?bucket=" + BUCKET + "&key=" + encode(key)))
                    .header("Authorization", "Bearer " + TestTokens.admin()).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new DigestInputStream(new PseudoRandomBytes(size),
                            sent))).build(), HttpResponse.BodyHandlers.ofString());
            long uploadGrowth = heap.peakGrowthBytes();
            heap.resetPeak();
            HttpResponse<InputStream> downloaded = invokeForStream("download", Map.of("bucket", BUCKET, "key", key));
            long count;
            try (InputStream in = new DigestInputStream(downloaded.body(), received)) {
                count = in.transferTo(OutputStream.nullOutputStream());
            }
            long downloadGrowth = heap.peakGrowthBytes();
            System.out.printf("200 MB through the gateway: old-generation peak grew %.1f MB on upload, %.1f MB on download %s%n",
                    uploadGrowth / 1048576.0, downloadGrowth / 1048576.0, heap.pools());

            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            assertThat(downloaded.statusCode()).isEqualTo(200);
            assertThat(count).isEqualTo(size);
            assertThat(received.digest()).isEqualTo(sent.digest());
            assertThat(uploadGrowth).as("upload: old generation growth in bytes").isLessThan(MAX_HEAP_GROWTH);
            assertThat(downloadGrowth).as("download: old generation growth in bytes").isLessThan(MAX_HEAP_GROWTH);
        } finally {
            Gateway.invoke("StorageService", "delete", "{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + key + "\"}");
        }
    }

    @Test
    void listsInPagesWithTheContinuationToken() throws Exception {
        for (String name : new String[] {"a", "b", "c"}) {
            assertThat(upload("pages/" + name, "text/plain", name.getBytes(StandardCharsets.UTF_8)).statusCode())
                    .isEqualTo(200);
        }

        JsonObject first = json(Gateway.invoke("StorageService", "list_objects",
                "{\"bucket\":\"" + BUCKET + "\",\"prefix\":\"pages/\",\"max-keys\":2}").body());
        JsonObject second = json(Gateway.invoke("StorageService", "list_objects", "{\"bucket\":\"" + BUCKET
                + "\",\"prefix\":\"pages/\",\"max-keys\":2,\"continuation-token\":\""
                + first.getString("next_continuation_token") + "\"}").body());

        assertThat(first.getBoolean("is_truncated")).isTrue();
        assertThat(first.getJsonArray("contents")).hasSize(2);
        assertThat(second.getJsonArray("contents")).hasSize(1);
        assertThat(second.getJsonArray("contents").getJsonObject(0).getString("key")).isEqualTo("pages/c");
    }

    @Test
    void presignedUrlsLetAClientPutAndGetWithoutTheGateway() throws Exception {
        String key = "shared/photo 1.jpg";
        byte[] photo = "not really a jpeg".getBytes(StandardCharsets.UTF_8);

        JsonObject put = presign("{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + key
                + "\",\"method\":\"PUT\",\"content_type\":\"image/jpeg\",\"expires_in\":300}");
        int putStatus = HTTP.send(HttpRequest.newBuilder(URI.create(put.getString("url"))).header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        JsonObject get = presign("{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + key + "\"}");
        HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(get.getString("url"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> tampered = HTTP.send(HttpRequest.newBuilder(URI.create(get.getString("url")
                .replace("photo%201", "photo%202"))).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(putStatus).isEqualTo(200);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(photo);
        assertThat(tampered.statusCode()).as("the signature covers the key").isEqualTo(403);
        assertThat(Instant.parse(get.getString("expires_at"))).isBetween(Instant.now().plusSeconds(800),
                Instant.now().plusSeconds(901));
        assertThat(get.getString("url")).startsWith(ENDPOINT + "/" + BUCKET + "/shared/photo%201.jpg?")
                .contains("X-Amz-Expires=900", "X-Amz-Signature=").doesNotContain("it-secret-key");
    }

    @Test
    void badPresignArgumentsAreNamed() throws Exception {
        HttpResponse<String> response = Gateway.invoke("StorageService", "get_presigned_url",
                "{\"bucket\":\"" + BUCKET + "\",\"key\":\"k\",\"expires_in\":604801,\"method\":\"POST\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"method\"");
    }

    @Test
    void aJsonOperationRefusesARawBodyAndABinaryOneNeedsItsQueryArguments() throws Exception {
        HttpResponse<String> raw = Gateway.send("POST", "/integrations/StorageService/operations/list_objects",
                java.util.Optional.of(TestTokens.admin()), java.util.Optional.of("application/octet-stream"), "xyz");
        HttpResponse<String> missing = Gateway.send("POST", "/integrations/StorageService/operations/upload",
                java.util.Optional.of(TestTokens.admin()), java.util.Optional.of("application/octet-stream"), "xyz");

        assertThat(raw.statusCode()).isEqualTo(415);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"bucket\"", "\"field\":\"key\"");
    }

    private static HttpResponse<String> upload(String key, String contentType, byte[] content) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Gateway.BASE_URL
                        + "/integrations/StorageService/operations/upload?bucket=" + BUCKET + "&key=" + encode(key)))
                .header("Authorization", "Bearer " + TestTokens.admin()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> invokeForBytes(String operation, Map<String, String> arguments) throws Exception {
        return invoke(operation, arguments, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<InputStream> invokeForStream(String operation, Map<String, String> arguments)
            throws Exception {
        return invoke(operation, arguments, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static <T> HttpResponse<T> invoke(String operation, Map<String, String> arguments,
                                              HttpResponse.BodyHandler<T> answer) throws Exception {
        var body = Json.createObjectBuilder();
        arguments.forEach(body::add);
        HttpRequest request = HttpRequest.newBuilder(URI.create(Gateway.BASE_URL + "/integrations/StorageService/operations/"
                        + operation)).header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())).build();
        return HTTP.send(request, answer);
    }

    /** {@code size} bytes of a fixed pseudo-random sequence, made as they are read. */
    private static final class PseudoRandomBytes extends InputStream {
        private final Random random = new Random(200);
        private long left;

        PseudoRandomBytes(long size) {
            left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            left -= n;
            return n;
        }
    }

    private static JsonObject presign(String arguments) throws Exception {
        HttpResponse<String> response = Gateway.invoke("StorageService", "get_presigned_url", arguments);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Integration-Attempts")).contains("0");
        return json(response.body());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
