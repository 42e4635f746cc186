package dev.codeai.integrations.integration;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding, as URLs are sent and as SigV4 signs them: unreserved characters stay. */
final class PercentEncoding {

    private PercentEncoding() {
    }

    static String encode(String value) {
        return encode(value.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Each {@code /}-separated piece encoded on its own, the slashes kept (an S3 key). */
    static String encodeKeepingSlashes(String value) {
        return encode(value.getBytes(StandardCharsets.UTF_8), true);
    }

    /** RFC 3986: unreserved bytes as they are, every other byte (but '/' when kept) as upper-case %XX. */
    static String encode(byte[] bytes, boolean keepSlashes) {
        StringBuilder result = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c) || keepSlashes && c == '/') {
                result.append((char) c);
            } else {
                result.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return result.toString();
    }

    static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /** The bytes a raw path stands for: %XX escapes decoded, '+' kept (it is not a space in a path). */
    static byte[] decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                byte[] literal = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
            }
        }
        return bytes.toByteArray();
    }
}
