package dev.codeai.integrations.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The head of an attempt's request, {@code POST path HTTP/1.1} with {@code Host}, {@code Content-Length} and the given
 * header fields, as bytes. A name that is not an RFC 9110 token, a value with a control character (CR and LF above
 * all: they would end the field and let a template inject others) or beyond Latin-1, and the fields this head sets
 * itself are refused with an {@link IllegalArgumentException} that names the field.
 */
final class HttpHead {

    static final String USER_AGENT = "codeai-webhooks/1";
    private static final Set<String> OWN = Set.of("host", "content-length", "transfer-encoding", "connection",
            "expect", "upgrade", "te", "trailer", "keep-alive");

    private HttpHead() {
    }

    static byte[] request(URI url, Map<String, String> headers, int contentLength) {
        StringBuilder head = new StringBuilder(256);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        head.append("POST ").append(path);
        if (url.getRawQuery() != null) {
            head.append('?').append(url.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(url.getRawAuthority().substring(url.getRawAuthority().indexOf('@') + 1))
                .append("\r\nContent-Length: ").append(contentLength).append("\r\n");
        boolean agent = false;
        for (Map.Entry<String, String> field : headers.entrySet()) {
            String name = field.getKey();
            check(name, field.getValue());
            agent |= name.equalsIgnoreCase("user-agent");
            head.append(name).append(": ").append(field.getValue()).append("\r\n");
        }
        if (!agent) {
            head.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void check(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(HttpHead::token)) {
            throw new IllegalArgumentException("header name '" + name + "' is not a valid HTTP field name");
        }
        if (OWN.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("header " + name + " is set by the delivery itself");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("header " + name + " has a character not allowed in an HTTP field value"
                        + " at index " + i);
            }
        }
    }

    private static boolean token(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
