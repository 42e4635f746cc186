package dev.codeai.integrations.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java API inside the server (Arquillian, server codeai-arq): code in the WAR injects the generated
 * GitHubAPI bean by name and calls {@code get_user} with the DSL's policies (bearer auth, 3 retries, timeout,
 * breaker). The deployment is the WAR the build ships plus this class and {@link FakeGitHub}, the upstream
 * that {@code GITHUB_API_URL} points at, started inside the server for each test.
 */
@ExtendWith(ArquillianExtension.class)
class JavaApiIT {

    @Inject
    @IntegrationName("GitHubAPI")
    IntegrationBean github;

    @Inject
    Catalog catalog;

    @Inject
    CircuitStates circuits;

    @Inject
    Invoker invoker;

    @Inject
    DeployedPolicies deployed;

    private FakeGitHub upstream;

    @Deployment
    static WebArchive deployment() {
        File war = new File(System.getProperty("it.arq.war", "target/codeai-integrations.war"));
        return ShrinkWrap.create(ZipImporter.class, "codeai-arq.war").importFrom(war).as(WebArchive.class)
                .addClasses(JavaApiIT.class, FakeGitHub.class, FakeGitHub.Seen.class, Poll.class);
    }

    @BeforeEach
    void startUpstreamCloseBreakerAndEmptyCache() throws Exception {
        upstream = FakeGitHub.start(ConfigProvider.getConfig().getValue("GITHUB_API_URL", String.class));
        circuits.reset(catalog.find("GitHubAPI").orElseThrow());
        invoker.purgeCache("GitHubAPI"); // get_user is cached for 5 minutes
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void callsTheUpstreamWithTheBearerTokenAndAnswersItsJson() {
        Invoker.Invocation user = github.invoke("get_user", arguments("octocat"));

        assertEquals(200, user.response().status());
        JsonObject body = Json.createReader(new ByteArrayInputStream(user.response().body())).readObject();
        assertEquals("octocat", body.getString("login"));
        assertEquals(1, user.attempts());
        assertEquals("closed", user.circuitState());
        String token = ConfigProvider.getConfig().getValue("GITHUB_TOKEN", String.class);
        assertEquals(List.of(new FakeGitHub.Seen("/github/users/octocat", "Bearer " + token)), upstream.seen());
    }

    @Test
    void retriesThreeTimesThenFailsWithBadGateway() {
        IntegrationProblems.BadGateway problem = assertThrows(IntegrationProblems.BadGateway.class,
                () -> github.invoke("get_user", arguments("flaky")));

        assertEquals(502, problem.status());
        assertEquals("4", problem.headers().get("X-Integration-Attempts"));
        assertEquals(503, problem.extensions().get("upstream_status"));
        assertEquals(4, upstream.count("/github/users/flaky"));
    }

    @Test
    void aCallersDeadlineEndsASlowCallWithUpstreamTimeout() {
        // The first call through a bean also builds its fault-tolerance strategy, which can use up a short
        // deadline before any attempt (then attempts is 0): warm the bean, then call the slow user.
        github.invoke("get_user", arguments("octocat"));

        IntegrationProblems.UpstreamTimeout problem = assertThrows(IntegrationProblems.UpstreamTimeout.class,
                () -> github.invoke("get_user", arguments("slow"), Optional.of(Duration.ofMillis(150))));

        assertEquals(504, problem.status());
        assertEquals("1", problem.headers().get("X-Integration-Attempts"));
        assertTrue(problem.getMessage().contains("the caller's deadline of 150 ms"), problem.getMessage());
        assertEquals(1, upstream.count("/github/users/slow"));
    }

    /**
     * Over HTTP every call of an integration has the same budget, so a queued call never outwaits the calls ahead of
     * it; a caller's shorter deadline can run out in the queue. The bulkhead (default 32 + 32 here) is filled with
     * held calls, then a call with a 300 ms deadline waits in the queue, is given up with 503, and is never sent, not
     * even once the held calls end and free the bulkhead for the calls behind them.
     */
    @Test
    void aQueuedCallWhoseDeadlinePassesAnswersBulkheadFullAndIsNeverSent() throws Exception {
        github.invoke("get_user", arguments("octocat"));
        int concurrency = deployed.bulkheadConcurrency(catalog.find("GitHubAPI").orElseThrow());
        ExecutorService callers = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Invoker.Invocation>> running = IntStream.range(0, concurrency).mapToObj(i ->
                    callers.submit(() -> github.invoke("get_user", arguments("slow-" + i)))).toList();
            long held = Poll.until(Duration.ofSeconds(5), () -> upstream.countStartingWith("/github/users/slow-"),
                    n -> n == concurrency);
            assertEquals(concurrency, held);

            IntegrationProblems.BulkheadFull problem = assertThrows(IntegrationProblems.BulkheadFull.class,
                    () -> github.invoke("get_user", arguments("queued"), Optional.of(Duration.ofMillis(300))));

            assertEquals(503, problem.status());
            assertEquals("0", problem.headers().get("X-Integration-Attempts"));
            assertEquals("1", problem.headers().get("Retry-After"));
            assertTrue(problem.getMessage().contains(concurrency + " calls in flight did not end while this call waited"),
                    problem.getMessage());
            upstream.release();
            for (Future<Invoker.Invocation> call : running) {
                assertEquals(200, call.get().response().status());
            }
            // The queue is first in, first out: had the given-up call stayed in it, it would have run as soon as the
            // first held call ended, before this one.
            assertEquals(404, github.invoke("get_user", arguments("after")).response().status());
            assertEquals(0, upstream.count("/github/users/queued"));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anUnknownOperationIsA404Problem() {
        IntegrationProblems.UnknownOperation problem = assertThrows(IntegrationProblems.UnknownOperation.class,
                () -> github.invoke("no_such_operation", arguments("octocat")));

        assertEquals(404, problem.status());
        assertEquals(List.of(), upstream.seen());
    }

    private static JsonObject arguments(String username) {
        return Json.createObjectBuilder().add("username", username).build();
    }
}
