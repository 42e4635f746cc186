package dev.codeai.integrations.integration;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock transformer ({@code .withTransformers(HeldResponses.NAME)}) that holds each answer of its stubs until
 * the test {@link #release}s them: an upstream that hangs for exactly as long as the test needs, then answers at
 * once, so no call is left hanging for later tests. A held answer goes out by itself after {@link #AT_MOST}.
 */
final class HeldResponses implements ResponseTransformerV2 {

    static final String NAME = "held";
    static final Duration AT_MOST = Duration.ofSeconds(20);

    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** From now on, answers of held stubs wait for {@link #release}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    /** Sends every held answer now, and the later ones at once. */
    void release() {
        gate.countDown();
    }

    /** How many requests are being held right now. */
    int waiting() {
        return waiting.get();
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        waiting.incrementAndGet();
        try {
            gate.await(AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
        return response;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
