package dev.codeai.integrations.security;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Bearer tokens for the IT server, signed with the key pair the server created in its own directory. */
public final class TestTokens {

    private static final Path SERVER_DIR = Path.of(System.getProperty("it.serverDir",
            "target/liberty/wlp/usr/servers/codeai-it"));

    private TestTokens() {
    }

    public static Tokens server() {
        SigningKeys keys = SigningKeys.in(SERVER_DIR.resolve("resources/security"));
        return new Tokens(TokenMain.DEFAULT_ISSUER, TokenMain.DEFAULT_AUDIENCE, keys.privateKey());
    }

    public static String admin() {
        return server().mint("it-admin", List.of("admin"), Instant.now(), Duration.ofMinutes(30));
    }

    public static String user() {
        return server().mint("it-user", List.of("user"), Instant.now(), Duration.ofMinutes(30));
    }

    /** Expired an hour ago, well beyond the 5 minutes of clock skew mpJwt allows. */
    public static String expired() {
        return server().mint("it-admin", List.of("admin"), Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    }

    /** Right issuer and audience, signed by a key the server does not know. */
    public static String signedByAnotherKey() {
        return new Tokens(TokenMain.DEFAULT_ISSUER, TokenMain.DEFAULT_AUDIENCE, otherKey())
                .mint("it-admin", List.of("admin"), Instant.now(), Duration.ofMinutes(30));
    }

    /** Signed by the server's key, but for another audience. */
    public static String otherAudience() {
        return new Tokens(TokenMain.DEFAULT_ISSUER, "someone-else", server().key())
                .mint("it-admin", List.of("admin"), Instant.now(), Duration.ofMinutes(30));
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
