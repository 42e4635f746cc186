package dev.codeai.integrations.integration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Makes one HTTP attempt of a call and classifies the answer: success codes and 4xx other than 408/429
 * return; everything else is an {@link UpstreamFailure} for the bean's retry and breaker. One shared
 * client on Liberty's managed executor; redirects are not followed.
 */
@ApplicationScoped
public class Upstream {

    /** Threads for the client's own I/O work; request threads only wait, so a few suffice. */
    private static final int CLIENT_THREADS = 4;

    @Resource
    ManagedThreadFactory threads;

    private ExecutorService executor;
    private HttpClient client;

    /**
     * A fixed pool of container-managed threads: the shared managed executor also runs the server's request
     * threads, which would wait on it under load, and a client without an executor starts a thread per answer.
     */
    @PostConstruct
    void start() {
        executor = Executors.newFixedThreadPool(CLIENT_THREADS, threads);
        client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    public UpstreamResponse attempt(Call call) {
        call.beginAttempt();
        HttpResponse<byte[]> response;
        try {
            response = client.send(RequestBuilder.build(call), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw transportFailure(call, "upstream did not answer in time");
        } catch (IOException e) {
            throw transportFailure(call, "cannot reach the upstream: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NonRetryableFailure("attempt interrupted", null);
        }
        UpstreamResponse answer = new UpstreamResponse(response.statusCode(), response.headers().map(), response.body());
        int status = answer.status();
        boolean success = call.operation().succeeded(status);
        boolean clientError = status >= 400 && status < 500 && status != 408 && status != 429;
        if (success || clientError || (status >= 300 && status < 400)) {
            return answer;
        }
        UpstreamFailure failure = UpstreamFailure.forStatus(answer, call.retryable());
        if (failure instanceof RetryableFailure && failure.retryAfter().filter(call::overruns).isPresent()) {
            // The upstream asks for a wait the call's budget cannot afford: end with this answer now.
            throw new NonRetryableFailure(failure.getMessage() + " with a Retry-After beyond the call's budget", answer);
        }
        throw failure;
    }

    private static UpstreamFailure transportFailure(Call call, String message) {
        return call.retryable() ? new RetryableFailure(message, null) : new NonRetryableFailure(message, null);
    }
}
