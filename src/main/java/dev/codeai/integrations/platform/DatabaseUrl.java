package dev.codeai.integrations.platform;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC URL taken from {@code DATABASE_URL}, which may be a {@code jdbc:} URL or the
 * {@code postgres://user:pass@host:port/db?params} form that hosting platforms hand out.
 */
public record DatabaseUrl(String jdbc) {

    /** Accepts {@code jdbc:…} as is and rewrites {@code postgres://} and {@code postgresql://} URLs. */
    public static DatabaseUrl parse(String url) {
        String trimmed = url.strip();
        if (trimmed.startsWith("jdbc:")) {
            return new DatabaseUrl(trimmed);
        }
        if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            return new DatabaseUrl(fromPostgresUri(URI.create(trimmed)));
        }
        throw new IllegalArgumentException(
                "DATABASE_URL must start with jdbc:, postgres:// or postgresql:// but was '" + redacted(trimmed) + "'");
    }

    private static String fromPostgresUri(URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host: '" + redacted(uri.toString()) + "'");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() != -1) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            params.add(uri.getRawQuery());
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            params.add("user=" + reencode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                params.add("password=" + reencode(userInfo.substring(colon + 1)));
            }
        }
        if (!params.isEmpty()) {
            jdbc.append('?').append(String.join("&", params));
        }
        return jdbc.toString();
    }

    private static String reencode(String rawUserInfoPart) {
        String decoded = URLDecoder.decode(rawUserInfoPart.replace("+", "%2B"), StandardCharsets.UTF_8);
        return URLEncoder.encode(decoded, StandardCharsets.UTF_8);
    }

    /** The URL with any password replaced, safe to print. */
    public static String redacted(String url) {
        return url.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Prints the JDBC form of the URL given as the only argument; used by the {@code codeai} script. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: DatabaseUrl URL");
            System.exit(2);
        }
        try {
            System.out.println(parse(args[0]).jdbc());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
