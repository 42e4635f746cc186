package dev.codeai.integrations.integration;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The canonical forms of AWS Signature Version 4 for {@link SigV4Signer}: path (as sent for S3, encoded
 * twice elsewhere), query (decoded, RFC 3986 encoded, sorted), headers (lower-case names, trimmed values
 * with inner whitespace collapsed) and host; each checked against what the AWS SDK v2 signer computes.
 */
final class SigV4Canonical {

    private static final Set<String> NEVER_SIGNED = Set.of(
            "connection", "expect", "transfer-encoding", "user-agent", "x-amzn-trace-id", "x-forwarded-for");
    private static final Set<String> SET_BY_SIGNER = Set.of(
            "authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private SigV4Canonical() {
    }

    /** S3 signs the path as sent, which must therefore be in RFC 3986 form already. */
    static String s3CanonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String canonical = PercentEncoding.encode(PercentEncoding.decode(rawPath), true);
        if (!canonical.equals(rawPath)) {
            throw new IllegalArgumentException("The URI path must be percent-encoded by RFC 3986 (unreserved characters,"
                    + " '/' and upper-case %XX escapes only) for S3 to verify its signature: send " + canonical
                    + " instead of " + rawPath);
        }
        return rawPath;
    }

    /** Other services: dot segments removed, then the encoded path encoded once more, slashes kept. */
    static String doubleEncodedUri(URI uri) {
        String path = uri.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        path = PercentEncoding.encode(path.getBytes(StandardCharsets.UTF_8), true);
        String decoded = uri.getPath();
        boolean normalizedAddedSlash = path.length() > 1 && path.endsWith("/") && !decoded.endsWith("/");
        return normalizedAddedSlash ? path.substring(0, path.length() - 1) : path;
    }

    // --- canonical query ---

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        SortedMap<String, List<String>> parameters = new TreeMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals >= 0 && pair.indexOf('=', equals + 1) >= 0) {
                throw new IllegalArgumentException("A query value holds a raw '=' (send it as %3D, which is what AWS"
                        + " signs): " + pair.substring(0, equals));
            }
            String name = queryDecode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : queryDecode(pair.substring(equals + 1));
            if (!name.isEmpty()) {
                parameters.computeIfAbsent(PercentEncoding.encode(name), n -> new ArrayList<>()).add(PercentEncoding.encode(value));
            }
        }
        List<String> canonical = new ArrayList<>();
        parameters.forEach((name, values) -> {
            Collections.sort(values);
            values.forEach(value -> canonical.add(name + '=' + value));
        });
        return String.join("&", canonical);
    }

    static String queryDecode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The URI query has a malformed percent-escape in: " + raw, e);
        }
    }

    static String appendParameters(String rawQuery, Map<String, String> parameters) {
        StringBuilder query = new StringBuilder(rawQuery == null ? "" : rawQuery);
        parameters.forEach((name, value) -> {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(PercentEncoding.encode(name)).append('=').append(PercentEncoding.encode(value));
        });
        return query.toString();
    }

    static URI withQuery(URI uri, String rawQuery) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + '?' + rawQuery);
    }

    // --- headers ---

    static SortedMap<String, String> givenHeaders(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        SortedMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a valid header name: " + name);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (SET_BY_SIGNER.contains(lower)) {
                throw new IllegalArgumentException("The signer sets the " + name + " header itself; do not pass it");
            }
            Objects.requireNonNull(value, () -> "The value of header " + name + " is null");
            if (!NEVER_SIGNED.contains(lower) && canonical.put(lower, canonicalValue(value)) != null) {
                throw new IllegalArgumentException("The header " + name + " is given twice (names ignore case)");
            }
        });
        return canonical;
    }

    /** Trimmed, with each run of whitespace inside turned into one space. */
    static String canonicalValue(String value) {
        StringBuilder result = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = result.length() > 0;
            } else {
                if (pendingSpace) {
                    result.append(' ');
                    pendingSpace = false;
                }
                result.append(c);
            }
        }
        return result.toString();
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
    }

    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80)
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443);
        return defaultPort ? uri.getHost() : uri.getHost() + ':' + port;
    }
}
