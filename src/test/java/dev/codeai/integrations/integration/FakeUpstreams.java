package dev.codeai.integrations.integration;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The one WireMock server of the test JVM, on the port the IT server's base URLs point at
 * ({@code it.wiremock.port}); tests reset its stubs and journal before each test. Stubs that name
 * {@link HeldResponses#NAME} as transformer answer only when {@link #held()} releases them.
 */
public final class FakeUpstreams {

    private static final HeldResponses HELD = new HeldResponses();
    private static WireMockServer server;

    private FakeUpstreams() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            int port = Integer.getInteger("it.wiremock.port", 18089);
            server = new WireMockServer(options().port(port).containerThreads(40).asynchronousResponseEnabled(false)
                    .extensions(HELD));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    static HeldResponses held() {
        return HELD;
    }
}
