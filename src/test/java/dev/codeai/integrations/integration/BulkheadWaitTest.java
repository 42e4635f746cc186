package dev.codeai.integrations.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeai.integrations.dsl.Loader;
import dev.codeai.integrations.dsl.model.Integration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * The request thread's wait for a call through its asynchronous bulkhead: the fault-tolerance failure comes out
 * unwrapped, a queued call whose budget is used up is abandoned and cancelled (and can never run), and a call
 * already admitted is waited for until it ends.
 */
class BulkheadWaitTest {

    private static final Integration MODEL = Loader.load("t.cai", """
            integration Api {
                type: rest
                base_url: "https://api.example.com"
                operation get_thing {
                    path: "/things"
                }
            }
            """).spec().orElseThrow().integrations().get("Api");
    private static final UpstreamResponse OK = new UpstreamResponse(200, Map.of(), new byte[0]);

    @Test
    void answersWhatTheAdmittedCallAnswered() {
        Call call = call(Duration.ofSeconds(30));

        assertThat(BulkheadWait.call(running(c -> CompletableFuture.completedFuture(OK)), call)).isSameAs(OK);
    }

    @Test
    void rethrowsTheFaultToleranceFailureAsItWasThrown() {
        CircuitBreakerOpenException open = new CircuitBreakerOpenException("open");

        assertThatThrownBy(() -> BulkheadWait.call(running(c -> CompletableFuture.failedFuture(open)),
                call(Duration.ofSeconds(30)))).isSameAs(open);
    }

    @Test
    void abandonsAndCancelsAQueuedCallOnceItsBudgetIsUsedUpSoItNeverRuns() {
        Call call = call(Duration.ZERO);
        CompletableFuture<UpstreamResponse> queued = new CompletableFuture<>();

        assertThatThrownBy(() -> BulkheadWait.call(c -> queued, call)).isInstanceOf(BulkheadWait.Expired.class)
                .hasMessageContaining("ms in the bulkhead's queue");
        assertThat(queued).isCancelled();
        assertThatThrownBy(call::admit).isInstanceOf(CancellationException.class);
    }

    @Test
    void waitsForAnAdmittedCallBeyondTheBudgetItsOwnTimeoutsBound() {
        Call call = call(Duration.ZERO);

        UpstreamResponse answer = BulkheadWait.call(running(c -> CompletableFuture.supplyAsync(() -> OK,
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))), call);

        assertThat(answer).isSameAs(OK);
    }

    /** A bulkhead that admits every call at once and answers with {@code answer}. */
    private static IntegrationBulkhead running(Function<Call, Future<UpstreamResponse>> answer) {
        return call -> {
            call.admit();
            return answer.apply(call);
        };
    }

    private static Call call(Duration budget) {
        ResolvedIntegration integration = new ResolvedIntegration(MODEL, Optional.empty(), Map.of());
        return new Call(integration, MODEL.operations().get("get_thing"), Map.of(), Optional.empty(), budget,
                Optional.empty());
    }
}
