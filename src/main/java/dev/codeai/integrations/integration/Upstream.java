package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.platform.NetworkErrors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Makes one HTTP attempt of a call and classifies the answer: success codes and 4xx other than 408/429
 * return; everything else is an {@link UpstreamFailure} for the bean's retry and breaker. The attempt
 * enforces its own timeout over connect, send and the whole body, a little before the bean's
 * {@code @Timeout} would, so a timeout is classified and counted like any other failure ({@code @Timeout}
 * stays as the backstop). One shared client on a fixed pool of managed threads; redirects are not followed.
 */
@ApplicationScoped
public class Upstream {

    /** Threads for the client's own I/O work; request threads only wait, so a few suffice. */
    private static final int CLIENT_THREADS = 4;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    DeployedPolicies deployed;

    @Inject
    FailureWindows windows;

    @Inject
    RateLimits rateLimits;

    /** How much of a failed binary answer is kept for classification and the caller. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private ExecutorService executor;
    private ScheduledExecutorService watchdog;
    private HttpClient client;

    /**
     * A fixed pool of container-managed threads: the shared managed executor also runs the server's request
     * threads, which would wait on it under load, and a client without an executor starts a thread per answer.
     */
    @PostConstruct
    void start() {
        executor = Executors.newFixedThreadPool(CLIENT_THREADS, threads);
        watchdog = Executors.newSingleThreadScheduledExecutor(threads);
        client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        watchdog.shutdownNow();
    }

    public UpstreamResponse attempt(Call call) {
        windows.beforeAttempt(call.integration());
        try {
            long timeout = deployed.attemptTimeoutMillis(call.integration());
            Duration waited = rateLimits.acquire(call, min(call.remaining(), Duration.ofMillis(timeout / 2)));
            UpstreamResponse answer = exchange(call, timeout - waited.toMillis());
            rateLimits.observe(call, answer);
            return classify(call, answer);
        } catch (UpstreamFailure failure) {
            throw windows.observe(call.integration(), failure);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One exchange within {@code attemptTimeout} (what is left of it after a rate-limit wait) and the call's budget. */
    private UpstreamResponse exchange(Call call, long attemptTimeout) {
        long timeout = Math.min(attemptTimeout, call.remaining().toMillis());
        if (timeout <= 0) {
            throw new OutOfBudget(deployed.timeoutMillis(call.integration()));
        }
        call.beginAttempt();
        HttpRequest request = RequestBuilder.build(call, Duration.ofMillis(timeout));
        if (returnsBinary(call.operation())) {
            return streamed(call, request, timeout);
        }
        return answer(call, client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()), timeout,
                response -> new UpstreamResponse(response.statusCode(), response.headers().map(), response.body()));
    }

    /**
     * {@code returns: binary}: the timeout runs until the headers arrive, then bounds each pause of the body
     * (DSL.md §5.5). A success passes the body on as a stream; anything else is read (up to 64 KiB) to classify it.
     */
    private UpstreamResponse streamed(Call call, HttpRequest request, long timeout) {
        UpstreamResponse answer = answer(call, client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()),
                timeout, response -> UpstreamResponse.streamed(response.statusCode(), response.headers().map(),
                        new IdleTimeoutStream(response.body(), timeout, watchdog)));
        if (call.operation().succeeded(answer.status())) {
            return answer;
        }
        try (InputStream body = answer.stream().orElseThrow()) {
            return new UpstreamResponse(answer.status(), answer.headers(), body.readNBytes(ERROR_BODY_LIMIT));
        } catch (IOException e) {
            throw transportFailure(call, "the upstream's error answer broke off: " + NetworkErrors.describe(e));
        }
    }

    private <T> UpstreamResponse answer(Call call, CompletableFuture<HttpResponse<T>> exchange, long timeout,
                                        Function<HttpResponse<T>, UpstreamResponse> read) {
        try {
            return read.apply(exchange.get(timeout, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(call, timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut(call, timeout);
            }
            throw transportFailure(call, "cannot reach the upstream: " + NetworkErrors.describe(e));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            windows.observeInterruptedAttempt(call.integration());
            throw new NonRetryableFailure("attempt interrupted", null);
        }
    }

    /** Whether the operation's answer is streamed raw bytes ({@code returns: binary}). */
    static boolean returnsBinary(Operation operation) {
        return operation.returns().filter(t -> t instanceof FieldType.Scalar s
                && s.kind() == FieldType.ScalarKind.BINARY).isPresent();
    }

    private static UpstreamResponse classify(Call call, UpstreamResponse answer) {
        int status = answer.status();
        boolean success = call.operation().succeeded(status);
        boolean clientError = status >= 400 && status < 500 && status != 408 && status != 429;
        if (success || clientError || (status >= 300 && status < 400)) {
            return answer;
        }
        UpstreamFailure failure = UpstreamFailure.forStatus(answer, call.retryable());
        if (failure instanceof RetryableFailure && failure.retryAfter().filter(call::overruns).isPresent()) {
            // The upstream asks for a wait the call's budget cannot afford: end with this answer now.
            String message = failure.getMessage() + " with a Retry-After beyond the call's budget";
            throw failure instanceof ThrottledFailure ? new ThrottledAnswer(message, answer)
                    : new NonRetryableFailure(message, answer);
        }
        throw failure;
    }

    private static UpstreamFailure timedOut(Call call, long timeout) {
        return transportFailure(call, "upstream did not answer within " + timeout + " ms").markTimedOut();
    }

    private static UpstreamFailure transportFailure(Call call, String message) {
        return call.retryable() ? new RetryableFailure(message, null) : new NonRetryableFailure(message, null);
    }
}
