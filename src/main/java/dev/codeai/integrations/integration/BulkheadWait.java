package dev.codeai.integrations.integration;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call through its integration's asynchronous bulkhead, awaited on the request thread as if it were synchronous.
 * A queued call is waited for at most what is left of its budget (a call may not wait in the queue longer than the
 * whole call may take); then the caller abandons it, so it never runs, and cancels it, which frees its queue slot at
 * once. A call already admitted is waited for until it ends: its timeout, retries and budget bound it as before.
 * The fault-tolerance thread's failure arrives here wrapped in an {@link ExecutionException} and is rethrown as it
 * was, so every existing mapping of a failure to a problem applies unchanged.
 */
final class BulkheadWait {

    private BulkheadWait() {
    }

    /** The queue wait ran out with the call's budget; the call was abandoned and never sent. */
    static final class Expired extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Duration waited;

        Expired(Duration waited) {
            super("waited " + waited.toMillis() + " ms in the bulkhead's queue", null, false, false);
            this.waited = waited;
        }

        Duration waited() {
            return waited;
        }
    }

    static UpstreamResponse call(IntegrationBulkhead bulkhead, Call call) {
        long queuedAt = System.nanoTime();
        Future<UpstreamResponse> result = bulkhead.call(call);
        try {
            try {
                return result.get(call.remaining().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (call.abandon()) {
                    result.cancel(true);
                    throw new Expired(Duration.ofNanos(System.nanoTime() - queuedAt));
                }
                return result.get();
            }
        } catch (ExecutionException e) {
            throw unwrapped(e.getCause());
        } catch (InterruptedException e) {
            call.abandon();
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new NonRetryableFailure("interrupted while waiting for the call", null);
        }
    }

    /** The failure as the fault-tolerance bean threw it; the bulkhead bean throws nothing checked. */
    private static RuntimeException unwrapped(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("the bulkhead's call failed: " + cause, cause);
    }
}
