package dev.codeai.integrations.platform;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded malformed HTTP input for {@link HttpFuzzIT}: broken, deeply nested, wrongly typed, huge and oddly encoded
 * JSON bodies, invalid path segments and query values, odd headers and methods. Not thread-safe.
 */
final class FuzzInputs {

    private static final String[] MALFORMED = {"{", "}", "[", "{\"a\":}", "{\"a\" 1}", "[1,2", "{\"a\":1,,}", "nul",
        "tru", "\"unterminated", "{'a':1}", "{\"a\":01}", "{\"a\":1}garbage", "\u0000", "\uFEFF{}", "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-}", "{\"a\":1e}", "{,}", "{\"\":}", ",", ":",
        "{\"a\":[}", "{\"a\":{\"b\":[1,{]}}", "\"\\", "{\"a\":\"\n\"}", "/* comment */ {}", "{\"a\":true false}"};
    private static final String[] FIELDS = {"name", "url", "events", "secret", "is_active", "type", "data", "id", "since",
        "username", "owner", "repo", "title", "body", "q", "lat", "lon", "units", "amount", "currency", "to", "subject",
        "bucket", "key", "expires_in", "query", "variables", "login", "first", "items", "channel", "recipient"};
    private static final String[] ODD_STRINGS = {"", " ", "\\u0000", "\\ud800", "\\udfff", "\\ud83d", "\\uffff", "\\ufeff",
        "\u202e\u202d", "e\u0301\u0301\u0301", "\ud83d\ude00\ud83d\ude00", "\u200b\u200c\u200d", "%00", "%s%n%x",
        "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "#{1+1}", "\\\"",
        "http://127.0.0.1:1/x", "javascript:alert(1)", "ftp://x", "null", "true", "-1", "1e999", "2026-13-45T99:99:99Z",
        "whsec_", "whsec_AAAA", "order.*", "*", "\u0130\u0131\u00df", "\u4e2d\u6587", "\t\r"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
        "application/json; charset=bogus", "text/plain", "application/xml", "multipart/form-data; boundary=",
        "application/x-www-form-urlencoded", "application/json;;;", "*/*", "application/problem+json", "image/png",
        "application/octet-stream", "json", "application/", "text/json; q=0.1"};
    private static final String[] ACCEPTS = {"application/json", "application/xml", "text/html", "*/x", "garbage",
        "application/json;q=0", "image/*", "*/*;q=abc", "text/plain, application/json;q=0.1"};
    private static final String[] METHODS = {"PATCH", "PUT", "DELETE", "POST", "GET", "HEAD", "OPTIONS", "FOO", "TRACE"};
    private static final String[] SEGMENTS = {"%00", "..", "%2e%2e", "%2F", "%20", "%C3%A9", "%F0%9F%98%80", "%FF%FE",
        "null", "-1", "0", "%27%20OR%201%3D1%20--", "%7B%7D", "%3Cscript%3E", "a%0Ab", "~", "%25", "."};

    private final Random random;

    FuzzInputs(long seed) {
        this.random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Any body: malformed, nested, wrongly typed, huge or odd; sometimes valid JSON. */
    String body() {
        return switch (random.nextInt(9)) {
            case 0 -> pick(MALFORMED);
            case 1 -> nested(pick(List.of(50, 1000, 5000, 100_000)), random.nextBoolean());
            case 2 -> "{\"" + pick(FIELDS) + "\":\"" + "x".repeat(pick(List.of(10_000, 300_000, 1_000_000, 1_200_000))) + "\"}";
            case 3 -> "{\"" + pick(FIELDS) + "\":[" + "1,".repeat(pick(List.of(1_000, 100_000))) + "1]}";
            case 4 -> new String(bytes(1 + random.nextInt(300)), StandardCharsets.ISO_8859_1);
            case 5 -> pick(List.of("1", "\"s\"", "true", "null", "[]", "[{}]", "", " ", "\n", "-0", "1e999"));
            default -> object(1 + random.nextInt(5));
        };
    }

    /** An object of the route's fields (and others) with random values, plus one field no route knows. */
    String invalidObject(List<String> fields) {
        StringBuilder s = new StringBuilder("{");
        int n = random.nextInt(fields.size() + 1);
        for (int i = 0; i < n; i++) {
            s.append('"').append(pick(fields)).append("\":").append(value(3)).append(',');
        }
        return s.append("\"zz_fuzz_").append(random.nextInt(1000)).append("\":").append(value(2)).append('}').toString();
    }

    /** A body for a route whose valid input must never be sent (it would create something): always invalid. */
    String invalidBody(List<String> fields) {
        return random.nextInt(3) == 0 ? invalidOrMalformed() : invalidObject(fields);
    }

    private String invalidOrMalformed() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(MALFORMED);
            case 1 -> nested(pick(List.of(1000, 100_000)), false);
            case 2 -> "{\"name\":\"" + "x".repeat(pick(List.of(300_000, 1_200_000))) + "\",\"zz\":1}";
            default -> pick(List.of("1", "\"s\"", "true", "null", "[]", "[{}]", "", " "));
        };
    }

    private String object(int fields) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < fields; i++) {
            s.append(i == 0 ? "" : ",").append('"').append(pick(FIELDS)).append("\":").append(value(3));
        }
        return s.append('}').toString();
    }

    private String value(int depth) {
        int kind = random.nextInt(depth <= 0 ? 4 : 7);
        return switch (kind) {
            case 0 -> "\"" + pick(ODD_STRINGS) + "\"";
            case 1 -> pick(List.of("0", "-1", "1.5", "1e999", "-1e-999", "123456789012345678901234567890", "-0", "2147483648"));
            case 2 -> pick(List.of("true", "false"));
            case 3 -> "null";
            case 4 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
            case 5 -> "{\"" + pick(FIELDS) + "\":" + value(depth - 1) + "}";
            default -> "\"" + pick(ODD_STRINGS) + pick(ODD_STRINGS) + "\"";
        };
    }

    private String nested(int depth, boolean closed) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A path segment that names nothing: odd encodings, traversal, huge, or a random UUID. */
    String segment() {
        return switch (random.nextInt(5)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 -> "x".repeat(pick(List.of(300, 5000)));
            case 2 -> "zz" + random.nextInt(100_000);
            default -> pick(SEGMENTS);
        };
    }

    /** A query string for list routes, or none. */
    String query() {
        if (random.nextInt(3) == 0) {
            return "";
        }
        String name = pick(List.of("page", "limit", "is_active", "status", "q", "bucket", "key", "format", "scope"));
        String value = pick(List.of("-1", "0", "abc", "99999999999999999999", "1.5", "%00", "maybe", "", "%FF", "101",
                "2147483647", "x".repeat(3000), "true", "delivered", "%E2%80%AE"));
        return "?" + name + "=" + value + (random.nextBoolean() ? "&" + name + "=" + value : "");
    }

    /** Odd request headers (always sendable by Java's HttpClient). */
    Map<String, String> headers(boolean withBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (withBody && random.nextInt(4) != 0) {
            headers.put("Content-Type", pick(CONTENT_TYPES));
        }
        if (random.nextInt(3) == 0) {
            headers.put("Accept", pick(ACCEPTS));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Idempotency-Key", pick(List.of("", " ", "k".repeat(pick(List.of(256, 5000))), "a b", "\u00e9\u00e8",
                    UUID.randomUUID().toString(), "%00")));
        }
        if (random.nextInt(6) == 0) {
            headers.put("X-Request-Id", pick(List.of("", "<script>", "r".repeat(5000), "a\u00ffb")));
        }
        if (random.nextInt(15) == 0) {
            headers.put("X-Fuzz", "h".repeat(pick(List.of(1000, 8000, 40_000))));
        }
        return headers;
    }

    /** Mostly the route's method, sometimes another. */
    String method(String usual) {
        return random.nextInt(6) == 0 ? pick(METHODS) : usual;
    }
}
