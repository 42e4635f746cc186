package dev.codeai.integrations.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local key pair and the tokens signed with it, as mpJwt and {@code codeai token} use them. */
class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void createsThePairOnceWithThePrivateKeyReadableByItsOwnerOnly() throws Exception {
        SigningKeys keys = SigningKeys.in(dir.resolve("security"));

        assertThat(keys.createIfMissing()).isTrue();
        String publicPem = Files.readString(keys.publicKeyFile());
        assertThat(keys.createIfMissing()).isFalse();

        assertThat(Files.readString(keys.publicKeyFile())).isEqualTo(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(keys.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKeyFile()))).isEqualTo("rw-------");
        assertThat(Files.list(keys.publicKeyFile().getParent())).hasSize(2); // no temporary files left
    }

    @Test
    void mintsAnRs256TokenThatThePublicKeyVerifies() throws Exception {
        SigningKeys keys = SigningKeys.in(dir);
        keys.createIfMissing();
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        String token = new Tokens("iss-x", "aud-y", keys.privateKey()).mint("ali\"ce", List.of("admin", "user"), now,
                Duration.ofHours(2));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey(keys.publicKeyFile()));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"iss\":\"iss-x\"", "\"aud\":\"aud-y\"", "\"sub\":\"ali\\\"ce\"",
                "\"groups\":[\"admin\",\"user\"]", "\"iat\":" + now.getEpochSecond(),
                "\"exp\":" + now.plus(Duration.ofHours(2)).getEpochSecond());
    }

    @Test
    void ttlTakesWholeDurationsOnly() {
        assertThat(TokenMain.ttl("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(TokenMain.ttl("7d")).isEqualTo(Duration.ofDays(7));
        for (String bad : List.of("0s", "1.5h", "1y", "h", "")) {
            assertThatThrownBy(() -> TokenMain.ttl(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--ttl");
        }
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
