package dev.codeai.integrations.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSignInTest {

    @TempDir
    Path dir;

    private LocalSignIn localKey(boolean enabled) {
        SigningKeys keys = SigningKeys.in(dir);
        keys.createIfMissing();
        return new LocalSignIn(enabled, Optional.empty(), Optional.of(keys.publicKeyFile().toString()));
    }

    @Test
    void availableFromLoopbackWithTheLocalKeyWhenSwitchedOn() {
        assertThat(localKey(true).refusal("127.0.0.1", "localhost:8080", Map.of())).isEmpty();
        assertThat(localKey(true).refusal("0:0:0:0:0:0:0:1", "[::1]:8080", Map.of())).isEmpty();
        assertThat(localKey(true).refusal("127.0.0.1", "127.0.0.1", Map.of())).isEmpty();
    }

    @Test
    void refusedWhenSwitchedOff() {
        assertThat(localKey(false).refusal("127.0.0.1", "localhost:8080", Map.of())).get().asString()
                .contains("switched off");
    }

    @Test
    void refusedWithAnExternalIdentityProvider() {
        LocalSignIn idp = new LocalSignIn(true, Optional.empty(),
                Optional.of("https://idp.example.com/realms/acme/protocol/openid-connect/certs"));
        assertThat(idp.keys()).isEmpty();
        assertThat(idp.refusal("127.0.0.1", "localhost:8080", Map.of())).get().asString()
                .contains("external identity provider");
        LocalSignIn inline = new LocalSignIn(true, Optional.of("MIIBIjANBgkq..."), localKey(true).publicKeyLocation());
        assertThat(inline.refusal("127.0.0.1", "localhost", Map.of())).isPresent();
    }

    @Test
    void refusedWhenThePrivateKeyIsMissing() {
        LocalSignIn noKey = new LocalSignIn(true, Optional.empty(), Optional.of(dir.resolve("other/public.pem").toString()));
        assertThat(noKey.refusal("127.0.0.1", "localhost", Map.of())).isPresent();
    }

    @Test
    void refusedFromAnotherMachineARebindingHostOrThroughAProxy() {
        LocalSignIn signIn = localKey(true);
        assertThat(signIn.refusal("192.168.1.20", "localhost:8080", Map.of())).get().asString().contains("localhost");
        assertThat(signIn.refusal("127.0.0.1", "evil.example.com:8080", Map.of())).isPresent();
        assertThat(signIn.refusal("127.0.0.1", "localhost.evil.example.com", Map.of())).isPresent();
        assertThat(signIn.refusal("127.0.0.1", "localhost:8080", Map.of("x-forwarded-for", "203.0.113.9"))).isPresent();
        assertThat(signIn.refusal("127.0.0.1", null, Map.of())).isPresent();
        assertThat(signIn.refusal("localhost", "localhost", Map.of())).isPresent();
    }
}
