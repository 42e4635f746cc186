package dev.codeai.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attempts over https: TLS to the checked address with the URL's host for SNI and the certificate check, against a
 * real HTTPS server whose certificate (made by keytool for this test) names receiver.test only.
 */
class WebhookClientTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static SSLContext trusting;
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1);

    @BeforeAll
    static void start() throws Exception {
        Path keys = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-dname", "CN=receiver.test",
                "-ext", "SAN=dns:receiver.test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keys.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        SSLContext serving = SSLContext.getInstance("TLS");
        serving.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serving));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "secure".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        TIMER.shutdownNow();
    }

    @Test
    void deliversOverTlsWhenTheCertificateNamesTheUrlsHost() throws Exception {
        WebhookClient client = new WebhookClient(trusting::getSocketFactory, TIMER, 4096);

        WebhookClient.Answer answer = client.post(url("receiver.test"), List.of(InetAddress.getLoopbackAddress()),
                Map.of(), new byte[] {'{', '}'}, Duration.ofSeconds(10));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("secure");
        client.close();
    }

    @Test
    void refusesACertificateForAnotherHost() {
        WebhookClient client = new WebhookClient(trusting::getSocketFactory, TIMER, 4096);

        assertThatThrownBy(() -> client.post(url("other.test"), List.of(InetAddress.getLoopbackAddress()), Map.of(),
                new byte[] {'{', '}'}, Duration.ofSeconds(10))).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void refusesACertificateTheJvmDoesNotTrust() {
        WebhookClient client = new WebhookClient(WebhookClient::systemTls, TIMER, 4096);

        assertThatThrownBy(() -> client.post(url("receiver.test"), List.of(InetAddress.getLoopbackAddress()), Map.of(),
                new byte[] {'{', '}'}, Duration.ofSeconds(10))).isInstanceOf(SSLHandshakeException.class);
    }

    private static URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/hook");
    }
}
