package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The error an attempt records, which the API returns, says what happened and never names a Java class. */
class AttemptErrorsTest {

    @Test
    void saysWhatHappenedWithTheDetailAndNoClassName() {
        assertThat(AttemptErrors.describe(new ConnectException("Connection refused"))).isEqualTo("cannot connect: Connection refused");
        assertThat(AttemptErrors.describe(new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path "
                + "to requested target"))).isEqualTo("TLS handshake failed: PKIX path building failed: unable to find valid "
                + "certification path to requested target");
        assertThat(AttemptErrors.describe(new UnknownHostException("hooks.example.invalid")))
                .isEqualTo("unknown host: hooks.example.invalid");
        assertThat(AttemptErrors.describe(new HttpAnswer.NoAnswer(new SocketException("Connection reset"))))
                .isEqualTo("connection failed: Connection reset");
        assertThat(AttemptErrors.describe(new IOException("not an HTTP/1.x status line: SSH-2.0")))
                .isEqualTo("no valid HTTP answer: not an HTTP/1.x status line: SSH-2.0");
    }

    @Test
    void anInternalFailureShowsNoDetail() {
        assertThat(AttemptErrors.describe(new CompletionException(new IllegalStateException("java.lang.Object@1f"))))
                .isEqualTo("internal error of the webhook engine (see the server log)");
        assertThat(AttemptErrors.describe(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo("cannot connect: Connection refused");
    }
}
