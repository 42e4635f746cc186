package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeai.integrations.dsl.Loader;
import dev.codeai.integrations.dsl.model.Operation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callers get XML converted by {@code returns}, header fields for empty bodies, and everything else as sent. */
class ResponseDecodingTest {

    private static final String DSL = """
            integration StorageService {
                type: rest
                base_url: "https://s3.example.com"

                operation upload {
                    method: PUT
                    path: "/{bucket}/{key}"
                    body_type: binary
                    returns {
                        etag: string
                        version_id: string
                    }
                }

                operation download {
                    path: "/{bucket}/{key}"
                    returns: binary
                }

                operation list_objects {
                    path: "/{bucket}"
                    query {
                        list-type: integer, default(2)
                        continuation-token: string
                    }
                    returns {
                        contents: list({
                            key: string
                            size: integer
                            last_modified: timestamp
                            etag: string
                        })
                        is_truncated: boolean
                        next_continuation_token: string
                    }
                }

                operation delete {
                    method: DELETE
                    path: "/{bucket}/{key}"
                    returns: void
                }

                operation list_names {
                    path: "/names"
                    returns: list({ name: string, rank: integer })
                }

                operation measure {
                    path: "/measure"
                    returns {
                        ratio: decimal(5,2)
                        ok: boolean
                    }
                }
            }
            """;

    private static final Map<String, Operation> OPERATIONS = Loader.load("t.cai", DSL).spec().orElseThrow()
            .integrations().get("StorageService").operations();

    private static final String LIST_BUCKET_RESULT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                <Name>example-bucket</Name>
                <Prefix>photos/</Prefix>
                <KeyCount>2</KeyCount>
                <MaxKeys>2</MaxKeys>
                <IsTruncated>true</IsTruncated>
                <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
                <Contents>
                    <Key>photos/2006/January/sample.jpg</Key>
                    <LastModified>2011-02-26T01:56:20.000Z</LastModified>
                    <ETag>&quot;bf1d737a4d46a19f3bced6905cc8b902&quot;</ETag>
                    <Size>142863</Size>
                    <StorageClass>STANDARD</StorageClass>
                </Contents>
                <Contents>
                    <Key>photos/2006/February/sample2.jpg</Key>
                    <LastModified>2011-02-26T01:56:21.000Z</LastModified>
                    <ETag>&quot;ab1d737a4d46a19f3bced6905cc8b903&quot;</ETag>
                    <Size>0</Size>
                    <Owner>
                        <ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>
                        <DisplayName>mtd@amazon.com</DisplayName>
                    </Owner>
                    <StorageClass>STANDARD</StorageClass>
                </Contents>
            </ListBucketResult>
            """;

    private static final String ONE_CONTENTS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                <Name>example-bucket</Name>
                <IsTruncated>false</IsTruncated>
                <Contents>
                    <Key>only.txt</Key>
                    <LastModified>2024-05-01T10:00:00.000Z</LastModified>
                    <ETag>"d41d8cd98f00b204e9800998ecf8427e"</ETag>
                    <Size>12</Size>
                </Contents>
            </ListBucketResult>
            """;

    private static ResponseDecoding.Decoded decode(String operation, int status, String contentType, String body) {
        return ResponseDecoding.decode(OPERATIONS.get(operation), status, Map.of("Content-Type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject object(ResponseDecoding.Decoded decoded) {
        assertThat(decoded.contentType()).contains("application/json");
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(decoded.body()))) {
            return reader.readObject();
        }
    }

    @Test
    void s3ListingBecomesSnakeCaseJsonWithTypedLeavesAndTheRootDropped() {
        ResponseDecoding.Decoded decoded = decode("list_objects", 200, "application/xml", LIST_BUCKET_RESULT);
        JsonObject listing = object(decoded);

        assertThat(listing.getBoolean("is_truncated")).isTrue();
        assertThat(listing.getString("next_continuation_token"))
                .isEqualTo("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
        assertThat(listing.getJsonArray("contents")).hasSize(2);
        JsonObject first = listing.getJsonArray("contents").getJsonObject(0);
        assertThat(first.getString("key")).isEqualTo("photos/2006/January/sample.jpg");
        assertThat(first.getJsonNumber("size").longValueExact()).isEqualTo(142863L);
        assertThat(first.getString("last_modified")).isEqualTo("2011-02-26T01:56:20.000Z");
        assertThat(first.getString("etag")).isEqualTo("\"bf1d737a4d46a19f3bced6905cc8b902\"");
        assertThat(decoded.warnings()).isEmpty();
    }

    @Test
    void undeclaredElementsAreKeptAsStringsAndNestedObjects() {
        JsonObject listing = object(decode("list_objects", 200, "application/xml", LIST_BUCKET_RESULT));

        assertThat(listing.getString("name")).isEqualTo("example-bucket");
        assertThat(listing.getString("key_count")).isEqualTo("2");
        assertThat(listing.getString("max_keys")).isEqualTo("2");
        JsonObject second = listing.getJsonArray("contents").getJsonObject(1);
        assertThat(second.getString("storage_class")).isEqualTo("STANDARD");
        assertThat(second.getJsonObject("owner").getString("display_name")).isEqualTo("mtd@amazon.com");
        assertThat(second.getJsonObject("owner").getString("id")).startsWith("75aa57f0");
    }

    @Test
    void aSingleContentsIsStillAnArrayBecauseItsFieldIsAList() {
        JsonObject listing = object(decode("list_objects", 200, "application/xml; charset=UTF-8", ONE_CONTENTS));

        assertThat(listing.getJsonArray("contents")).hasSize(1);
        assertThat(listing.getJsonArray("contents").getJsonObject(0).getJsonNumber("size").longValue()).isEqualTo(12L);
        assertThat(listing.getBoolean("is_truncated")).isFalse();
        assertThat(listing.containsKey("list_bucket_result")).isFalse();
    }

    @Test
    void repeatedUndeclaredElementsBecomeArrays() {
        JsonObject listing = object(decode("list_objects", 200, "text/xml", """
                <ListBucketResult><CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes>\
                <CommonPrefixes><Prefix>b/</Prefix></CommonPrefixes><Note>one</Note></ListBucketResult>"""));

        assertThat(listing.getJsonArray("common_prefixes").getValuesAs(JsonObject.class))
                .extracting(p -> p.getString("prefix")).containsExactly("a/", "b/");
        assertThat(listing.getString("note")).isEqualTo("one");
    }

    @Test
    void aLeafThatDoesNotFitItsTypeStaysAStringWithAWarning() {
        ResponseDecoding.Decoded decoded = decode("list_objects", 200, "application/xml", """
                <ListBucketResult><IsTruncated>maybe</IsTruncated>\
                <Contents><Key>k</Key><Size>abc</Size></Contents></ListBucketResult>""");
        JsonObject listing = object(decoded);

        assertThat(listing.getString("is_truncated")).isEqualTo("maybe");
        assertThat(listing.getJsonArray("contents").getJsonObject(0).getString("size")).isEqualTo("abc");
        assertThat(decoded.warnings()).containsExactly(
                "is_truncated: expected boolean but found \"maybe\"; kept as a string",
                "contents[0].size: expected integer but found \"abc\"; kept as a string");
    }

    @Test
    void decimalsBecomeNumbersAndBooleansAcceptTheXmlSchemaSpellings() {
        JsonObject measured = object(decode("measure", 200, "text/xml",
                "<Measure><Ratio>12.50</Ratio><Ok>1</Ok></Measure>"));

        assertThat(measured.getJsonNumber("ratio").bigDecimalValue()).isEqualByComparingTo("12.5");
        assertThat(measured.get("ok")).isEqualTo(JsonValue.TRUE);
    }

    @Test
    void aListReturnsMakesTheRootsChildrenTheTopArray() {
        ResponseDecoding.Decoded decoded = decode("list_names", 200, "application/xml",
                "<Names><Entry><Name>a</Name><Rank>1</Rank></Entry></Names>");

        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(decoded.body()))) {
            assertThat(reader.readArray().getJsonObject(0).getInt("rank")).isEqualTo(1);
        }
    }

    @Test
    void theCharsetParameterDecidesHowXmlBytesAreRead() {
        byte[] latin1 = "<R><Name>caf\u00e9</Name></R>".getBytes(StandardCharsets.ISO_8859_1);
        ResponseDecoding.Decoded decoded = ResponseDecoding.decode(OPERATIONS.get("list_objects"), 200,
                Map.of("content-type", List.of("text/xml; charset=ISO-8859-1")), latin1);

        assertThat(object(decoded).getString("name")).isEqualTo("caf\u00e9");
    }

    @Test
    void anEmptyBodyFillsTheDeclaredFieldsFromHeadersKeepingTheETagQuotes() {
        ResponseDecoding.Decoded decoded = ResponseDecoding.decode(OPERATIONS.get("upload"), 200, Map.of(
                "ETag", List.of("\"9b2cf535f27731c974343645a3985328\""),
                "x-amz-version-id", List.of("3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo"),
                "x-amz-request-id", List.of("318BC8BC148832E5")), new byte[0]);

        JsonObject answer = object(decoded);
        assertThat(answer.getString("etag")).isEqualTo("\"9b2cf535f27731c974343645a3985328\"");
        assertThat(answer.getString("version_id")).startsWith("3/L4kqtJ");
        assertThat(answer.keySet()).containsExactly("etag", "version_id");
    }

    @Test
    void aDeclaredFieldWithoutAHeaderIsNull() {
        ResponseDecoding.Decoded decoded = ResponseDecoding.decode(OPERATIONS.get("upload"), 200,
                Map.of("etag", List.of("\"abc\"")), new byte[0]);

        assertThat(object(decoded).get("version_id")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void voidGivesAnEmptyBodyWhateverTheUpstreamSent() {
        ResponseDecoding.Decoded decoded = decode("delete", 204, "application/xml", "<Ignored/>");

        assertThat(decoded.body()).isEmpty();
        assertThat(decoded.contentType()).isEmpty();
    }

    @Test
    void binaryPassesThroughEvenWhenItLooksLikeXml() {
        ResponseDecoding.Decoded decoded = decode("download", 200, "application/xml", "<Data>bytes</Data>");

        assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo("<Data>bytes</Data>");
        assertThat(decoded.contentType()).contains("application/xml");
    }

    @Test
    void jsonAndOtherContentTypesPassThroughUnchanged() {
        String json = "{ \"Contents\" : [ ],\"IsTruncated\":\"yes\" }";

        assertThat(decode("list_objects", 200, "application/json", json).body()).asString().isEqualTo(json);
        assertThat(decode("list_objects", 200, "application/vnd.s3+json; charset=utf-8", json).contentType())
                .contains("application/vnd.s3+json; charset=utf-8");
        assertThat(decode("list_objects", 200, "text/plain", "<A>x</A>").body()).asString().isEqualTo("<A>x</A>");
    }

    @Test
    void errorAnswersPassThroughUnchanged() {
        String error = "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>";

        ResponseDecoding.Decoded decoded = decode("list_objects", 404, "application/xml", error);
        assertThat(decoded.body()).asString().isEqualTo(error);
        assertThat(decoded.contentType()).contains("application/xml");
        assertThat(decode("list_objects", 500, "application/xml", "not xml").body()).asString().isEqualTo("not xml");
    }

    @Test
    void anExternalEntityIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<ListBucketResult><Name>&xxe;</Name></ListBucketResult>";

        assertThatThrownBy(() -> decode("list_objects", 200, "application/xml", xxe))
                .isInstanceOf(ResponseDecoding.UndecodableResponse.class)
                .hasMessageContaining("DOCTYPE declarations are refused")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void internalEntityExpansionIsRefusedToo() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<r><Name>&b;</Name></r>";

        assertThatThrownBy(() -> decode("list_objects", 200, "text/xml", laughs))
                .isInstanceOf(ResponseDecoding.UndecodableResponse.class);
    }

    @Test
    void malformedXmlIsABadGatewayProblemThatSaysWhere() {
        assertThatThrownBy(() -> decode("list_objects", 200, "application/xml", "<ListBucketResult>\n<Name>x</Nme>"))
                .isInstanceOfSatisfying(ResponseDecoding.UndecodableResponse.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.detail())
                            .startsWith("Operation list_objects answered with XML that could not be read (line 2");
                });
    }

    @Test
    void namesBecomeSnakeCaseKeepingAcronymsWhole() {
        assertThat(List.of("NextContinuationToken", "ETag", "IsTruncated", "LastModified", "ID", "ChecksumCRC32C",
                "x-amz-thing")).map(ResponseDecoding::snakeCase).containsExactly("next_continuation_token", "etag",
                "is_truncated", "last_modified", "id", "checksum_crc32c", "x_amz_thing");
        assertThat(List.of("ETag", "x-amz-version-id", "Content-Length")).map(ResponseDecoding::headerField)
                .containsExactly("etag", "version_id", "content_length");
    }
}
