package dev.codeai.integrations.webhook;

import static dev.codeai.integrations.webhook.RawReceiver.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The attempts' HTTP/1.1 client against receivers on real sockets that answer exactly what each test scripts. */
class WebhookClientTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] BODY = "{\"event\":\"order.created\"}".getBytes(StandardCharsets.UTF_8);

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final WebhookClient client = new WebhookClient(WebhookClient::systemTls, timer, 4096);
    private final CountDownLatch release = new CountDownLatch(1);
    private RawReceiver receiver;

    @AfterEach
    void close() throws IOException {
        release.countDown();
        if (receiver != null) {
            receiver.close();
        }
        client.close();
        timer.shutdownNow();
    }

    @Test
    void postsTheBodyAndHeadersToTheCheckedAddressWithoutAskingDnsAgain() throws Exception {
        receiver = new RawReceiver((n, request, out) -> {
            write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 6\r\nRetry-After: 7\r\n\r\nthanks");
            return true;
        });

        // receiver.invalid cannot resolve: the request can only have gone to the address given.
        WebhookClient.Answer answer = client.post(url("/hooks/a?x=1"), List.of(LOOPBACK),
                Map.of("X-Event", "order.created"), BODY, TIMEOUT);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo("thanks");
        assertThat(answer.headers()).containsEntry("retry-after", "7");
        RawReceiver.Request request = receiver.received.get(0);
        assertThat(request.head()).startsWith("POST /hooks/a?x=1 HTTP/1.1\r\n")
                .contains("\r\nHost: receiver.invalid:" + receiver.port() + "\r\n", "\r\nContent-Length: " + BODY.length + "\r\n",
                        "\r\nX-Event: order.created\r\n", "\r\nUser-Agent: " + HttpHead.USER_AGENT + "\r\n");
        assertThat(request.body()).isEqualTo(BODY);
    }

    @Test
    void keepsTheConnectionAliveBetweenAttempts() throws Exception {
        receiver = ok("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", true);

        for (int i = 0; i < 3; i++) {
            assertThat(post().status()).isEqualTo(200);
        }

        assertThat(receiver.received).hasSize(3);
        assertThat(receiver.connections()).isEqualTo(1);
    }

    @Test
    void opensANewConnectionWhenTheReceiverAsksToClose() throws Exception {
        receiver = ok("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", false);

        post();
        post();

        assertThat(receiver.connections()).isEqualTo(2);
    }

    @Test
    void sendsOnceMoreOnANewConnectionWhenAKeptAliveOneWasClosedWhileIdle() throws Exception {
        // Answers as if the connection stayed open, then closes it: the next attempt finds it dead.
        receiver = ok("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false);

        assertThat(post().status()).isEqualTo(200);
        assertThat(post().status()).isEqualTo(200);

        assertThat(receiver.connections()).isEqualTo(2);
        assertThat(receiver.received).as("each request arrived once").hasSize(2);
    }

    @Test
    void readsAChunkedAnswerAndKeepsTheConnection() throws Exception {
        receiver = ok("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;name=value\r\n world\r\n"
                + "0\r\nX-Trailer: t\r\n\r\n", true);

        assertThat(post().body()).isEqualTo("hello world");
        assertThat(post().body()).isEqualTo("hello world");

        assertThat(receiver.connections()).isEqualTo(1);
    }

    @Test
    void keepsOnlyTheLimitOfALongBodyAndDropsItsConnection() throws Exception {
        receiver = ok("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 10000\r\n\r\n" + "e".repeat(10_000), true);

        assertThat(post().body()).isEqualTo("e".repeat(4096));
        post();

        assertThat(receiver.connections()).as("the unread rest makes the connection unusable").isEqualTo(2);
    }

    @Test
    void skipsInformationalAnswers() throws Exception {
        receiver = ok("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", true);

        WebhookClient.Answer answer = post();

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void readsABodyThatEndsWithTheConnection() throws Exception {
        receiver = ok("HTTP/1.0 410 Gone\r\n\r\nendpoint removed", false);

        WebhookClient.Answer answer = post();

        assertThat(answer.status()).isEqualTo(410);
        assertThat(answer.body()).isEqualTo("endpoint removed");
    }

    @Test
    void endsAnAttemptThatGetsNoAnswerWithinItsTimeout() throws Exception {
        receiver = new RawReceiver((n, request, out) -> release.await(30, TimeUnit.SECONDS));

        assertThatThrownBy(() -> client.post(url("/"), List.of(LOOPBACK), Map.of(), BODY, Duration.ofMillis(300)))
                .isInstanceOf(WebhookClient.Timeout.class).hasMessage("timed out after 300 ms");
    }

    @Test
    void endsAnAnswerThatTricklesPastItsTimeout() throws Exception {
        // A byte every 50 ms: no single read waits long, only the whole exchange's bound ends it.
        receiver = new RawReceiver((n, request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\n");
            for (int i = 0; i < 400 && !release.await(50, TimeUnit.MILLISECONDS); i++) {
                write(out, "X");
            }
            return false;
        });

        assertThatThrownBy(() -> client.post(url("/"), List.of(LOOPBACK), Map.of(), BODY, Duration.ofMillis(500)))
                .isInstanceOf(WebhookClient.Timeout.class);
    }

    @Test
    void triesTheNextAddressWhenOneRefusesTheConnection() throws Exception {
        receiver = ok("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true);

        WebhookClient.Answer answer = client.post(url("/"), List.of(InetAddress.getByName("127.0.0.2"), LOOPBACK),
                Map.of(), BODY, TIMEOUT);

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void saysWhatIsWrongWithAnAnswerThatIsNotHttp() throws Exception {
        receiver = ok("220 smtp.example ESMTP ready\r\n", false);

        assertThatThrownBy(this::post).isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP/1.x status line: 220 smtp.example");
    }

    private RawReceiver ok(String answer, boolean keep) throws IOException {
        return new RawReceiver((n, request, out) -> {
            write(out, answer);
            return keep;
        });
    }

    private WebhookClient.Answer post() throws IOException {
        return client.post(url("/"), List.of(LOOPBACK), Map.of(), BODY, TIMEOUT);
    }

    private URI url(String path) {
        return URI.create("http://receiver.invalid:" + receiver.port() + path);
    }
}
