package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A network failure as the API shows it says what happened and never names a Java class. */
class NetworkErrorsTest {

    @Test
    void saysWhatHappenedWithTheDetailAndNoClassName() {
        assertThat(NetworkErrors.describe(new ConnectException("Connection refused"))).isEqualTo("cannot connect: Connection refused");
        assertThat(NetworkErrors.describe(new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path "
                + "to requested target"))).isEqualTo("TLS handshake failed: PKIX path building failed: unable to find valid "
                + "certification path to requested target");
        assertThat(NetworkErrors.describe(new UnknownHostException("hooks.example.invalid")))
                .isEqualTo("unknown host: hooks.example.invalid");
        assertThat(NetworkErrors.describe(new SocketException("Connection reset"))).isEqualTo("connection failed: Connection reset");
        assertThat(NetworkErrors.describe(new IOException("not an HTTP/1.x status line: SSH-2.0")))
                .isEqualTo("no valid HTTP answer: not an HTTP/1.x status line: SSH-2.0");
    }

    @Test
    void anInternalFailureShowsNoDetail() {
        assertThat(NetworkErrors.describe(new CompletionException(new IllegalStateException("java.lang.Object@1f"))))
                .isEqualTo("an internal error (see the server log)");
        assertThat(NetworkErrors.describe(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo("cannot connect: Connection refused");
        assertThat(NetworkErrors.describe(new IOException("wrapped", new ConnectException("Connection refused")),
                java.util.Set.of(IOException.class))).isEqualTo("cannot connect: Connection refused");
    }
}
