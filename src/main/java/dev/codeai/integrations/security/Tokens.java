package dev.codeai.integrations.security;

import dev.codeai.integrations.platform.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Mints MicroProfile JWT bearer tokens (RS256; {@code sub}, {@code upn}, {@code groups} as the roles,
 * {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code jti}). Pure JDK: the claims are simple enough
 * to write as JSON by hand, and every string goes through {@link #json(String)}.
 */
public record Tokens(String issuer, String audience, PrivateKey key) {

    /** A signed token for {@code subject} with {@code roles}, valid from {@code now} for {@code ttl}. */
    public String mint(String subject, List<String> roles, Instant now, Duration ttl) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String groups = roles.stream().map(Tokens::json).collect(Collectors.joining(",", "[", "]"));
        String claims = "{\"iss\":" + json(issuer) + ",\"aud\":" + json(audience) + ",\"sub\":" + json(subject)
                + ",\"upn\":" + json(subject) + ",\"groups\":" + groups + ",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(ttl).getEpochSecond() + ",\"jti\":" + json(UUID.randomUUID().toString()) + "}";
        String signingInput = base64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A JSON string literal. */
    static String json(String text) {
        return JsonText.string(new StringBuilder(), text).toString();
    }
}
