package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoint secrets: generated, accepted or refused with a field message, and turned into HMAC keys. */
class WebhookSecretsTest {

    @Test
    void generatedSecretsAreValidAndCarryThirtyTwoRandomBytes() {
        String secret = WebhookSecrets.generate();

        assertThat(secret).startsWith("whsec_").hasSize("whsec_".length() + 44);
        assertThat(WebhookSecrets.problem(secret)).isEmpty();
        assertThat(WebhookSecrets.key(secret)).hasSize(32);
    }

    @Test
    void generatedSecretsAreUnique() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(WebhookSecrets.generate());
        }

        assertThat(secrets).hasSize(1000);
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 25, 32, 63, 64})
    void acceptsKeysOf24To64Bytes(int bytes) {
        assertThat(WebhookSecrets.problem(secretOf(bytes))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 23, 65, 128})
    void refusesKeysShorterThan24OrLongerThan64Bytes(int bytes) {
        assertThat(WebhookSecrets.problem(secretOf(bytes))).hasValue("must decode to 24 to 64 bytes but decodes to "
                + bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",        // no prefix
            "WHSEC_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",  // prefix in the wrong case
            "whsec:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            " whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="  // leading space
    })
    void refusesSecretsWithoutTheWhsecPrefix(String secret) {
        assertThat(WebhookSecrets.problem(secret)).hasValue("must start with 'whsec_' followed by standard Base64");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",  // trailing line break
            "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8= ",   // trailing space
            "whsec_AAECAwQFBgcICQoLDA0O DxAREhMUFRYXGBkaGxwdHh8=",   // space inside
            "whsec_AAECAwQFBgcICQoLDA0O\tDxAREhMUFRYXGBkaGxwdHh8=",  // tab inside
            "whsec_ AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",   // space after the prefix
            "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8*",    // not a Base64 character
            "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8_",    // URL-safe alphabet
            "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8==",   // too much padding
            "whsec_********"                                            // the mask is no secret
    })
    void refusesSecretsThatAreNotStandardBase64(String secret) {
        assertThat(WebhookSecrets.problem(secret)).hasValueSatisfying(message -> assertThat(message)
                .contains("standard Base64").doesNotContain(secret.substring("whsec_".length()).strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8",   // unpadded: the JDK decoder would take it
            "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9="   // non-zero unused bits: 0x1f all the same
    })
    void refusesBase64ThatAnEncoderWouldNotHaveWritten(String secret) {
        assertThat(WebhookSecrets.problem(secret))
                .hasValue("must be 'whsec_' followed by padded standard Base64, as an encoder writes it");
    }

    @Test
    void refusesAMissingSecret() {
        assertThat(WebhookSecrets.problem(null)).isPresent();
    }

    @Test
    void theMaskedFormIsFixed() {
        assertThat(WebhookSecrets.MASKED).isEqualTo("whsec_********");
    }

    @Test
    void theKeyIsTheDecodedBytesAfterThePrefix() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }

        assertThat(WebhookSecrets.key("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")).isEqualTo(bytes);
    }

    @Test
    void eachKeyIsAFreshArray() {
        String secret = WebhookSecrets.generate();

        assertThat(WebhookSecrets.key(secret)).isNotSameAs(WebhookSecrets.key(secret))
                .isEqualTo(WebhookSecrets.key(secret));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "whsec_not base64", "whsec_"})
    void aMalformedSecretHasNoKey(String secret) {
        assertThatThrownBy(() -> WebhookSecrets.key(secret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a webhook secret must").hasMessageNotContaining("AAEC");
    }

    private static String secretOf(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
