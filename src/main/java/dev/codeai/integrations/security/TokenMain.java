package dev.codeai.integrations.security;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code codeai token [--role R]... [--subject NAME] [--ttl 1h] --key-dir DIR}: prints, as its last line, a
 * bearer token signed with the server's local key (created here if the server has not started yet).
 * Issuer and audience follow {@code MP_JWT_VERIFY_ISSUER} and {@code MP_JWT_VERIFY_AUDIENCES} like the
 * server's, with the same defaults. Exit 0, or 2 with a message on bad arguments.
 */
public final class TokenMain {

    /** The defaults of {@code mp.jwt.verify.issuer} and {@code mp.jwt.verify.audiences}. */
    public static final String DEFAULT_ISSUER = "codeai-integrations";
    public static final String DEFAULT_AUDIENCE = "codeai-integrations";
    private static final Pattern TTL = Pattern.compile("(\\d+)(s|m|h|d)");

    private TokenMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("codeai token: " + e.getMessage());
            System.err.println("usage: ./codeai token [--role ROLE]... [--subject NAME] [--ttl 1h]");
            System.exit(2);
        }
    }

    private static void run(String[] args) {
        List<String> roles = new ArrayList<>();
        String subject = System.getProperty("user.name", "codeai-user");
        Duration ttl = Duration.ofHours(1);
        Path keyDir = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--role" -> roles.add(required(args[i], value));
                case "--subject" -> subject = required(args[i], value);
                case "--ttl" -> ttl = ttl(required(args[i], value));
                case "--key-dir" -> keyDir = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
            i++;
        }
        if (keyDir == null) {
            throw new IllegalArgumentException("--key-dir is required");
        }
        if (roles.isEmpty()) {
            roles.add("user");
        }
        SigningKeys keys = SigningKeys.in(keyDir);
        if (keys.createIfMissing()) {
            System.err.println("codeai token: created the signing key pair in " + keyDir);
        }
        String issuer = env("MP_JWT_VERIFY_ISSUER", DEFAULT_ISSUER);
        String audience = env("MP_JWT_VERIFY_AUDIENCES", DEFAULT_AUDIENCE).split(",")[0].trim();
        Tokens tokens = new Tokens(issuer, audience, keys.privateKey());
        System.err.println("codeai token: subject " + subject + ", roles " + roles + ", valid for " + ttl.toString()
                .substring(2).toLowerCase(Locale.ROOT));
        System.out.println(tokens.mint(subject, roles, Instant.now(), ttl));
    }

    private static String required(String flag, String value) {
        if (value == null || value.isBlank() || value.startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    static Duration ttl(String text) {
        Matcher m = TTL.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("--ttl expects a positive duration such as 30m, 1h or 7d, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
