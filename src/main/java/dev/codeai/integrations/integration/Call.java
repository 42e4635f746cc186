package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Operation;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One logical call of an operation: validated arguments (defaults applied) and the idempotency key that
 * every retry of it reuses. Counts its HTTP attempts; safe to share with the fault-tolerance threads.
 * It leaves its bulkhead's queue exactly once: either it is {@linkplain #admit admitted} to run, or its caller
 * {@linkplain #abandon abandons} it, after which it never runs.
 */
public final class Call {

    /** Where the call is with respect to its bulkhead. */
    private enum Admission { WAITING, ADMITTED, ABANDONED }

    private final ResolvedIntegration integration;
    private final Operation operation;
    private final Map<String, JsonValue> arguments;
    private final Optional<String> idempotencyKey;
    private final AtomicInteger attempts = new AtomicInteger();
    private final Duration budget;
    private final long startedNanos = System.nanoTime();
    private final Optional<Payload> payload;
    private final AtomicReference<Admission> admission = new AtomicReference<>(Admission.WAITING);

    /** {@code budget}: the whole call's time, all attempts and waits (DSL.md §5.4 "Call budget"). */
    public Call(ResolvedIntegration integration, Operation operation, Map<String, JsonValue> arguments,
                Optional<String> idempotencyKey, Duration budget, Optional<Payload> payload) {
        this.integration = integration;
        this.operation = operation;
        this.arguments = Map.copyOf(arguments);
        this.idempotencyKey = idempotencyKey;
        this.budget = budget;
        this.payload = payload;
    }

    /** The raw body of a {@code body_type: binary} call. */
    public Optional<Payload> payload() {
        return payload;
    }

    /** The whole call's time: the caller's deadline, or (retries + 1) × timeout. */
    public Duration budget() {
        return budget;
    }

    /** What is left of the call's budget, zero when it is used up. */
    Duration remaining() {
        Duration left = budget.minus(Duration.ofNanos(System.nanoTime() - startedNanos));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * The bulkhead lets the call run: the generated bulkhead bean calls this first, on the fault-tolerance thread.
     * Throws {@link CancellationException} when the caller has already given up, so an abandoned call never reaches
     * the upstream, however late the bulkhead gets to it.
     */
    public void admit() {
        if (!admission.compareAndSet(Admission.WAITING, Admission.ADMITTED)) {
            throw new CancellationException("the caller stopped waiting for this call in its bulkhead's queue");
        }
    }

    /** The caller gives up waiting; false when the call was already admitted (it then ends by its own timeouts). */
    boolean abandon() {
        return admission.compareAndSet(Admission.WAITING, Admission.ABANDONED);
    }

    /** Whether waiting {@code wait} before another attempt would overrun the call's budget. */
    boolean overruns(Duration wait) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).plus(wait).compareTo(budget) > 0;
    }

    public ResolvedIntegration integration() {
        return integration;
    }

    public Operation operation() {
        return operation;
    }

    public Map<String, JsonValue> arguments() {
        return arguments;
    }

    public Optional<String> idempotencyKey() {
        return idempotencyKey;
    }

    int beginAttempt() {
        return attempts.incrementAndGet();
    }

    public int attempts() {
        return attempts.get();
    }

    /** May a failed attempt be repeated (DSL.md §5.4 "Which calls are retried")? */
    public boolean retryable() {
        boolean safeDocument = operation.document().map(d -> d.kind() == Operation.GraphqlDocument.Kind.QUERY)
                .orElse(false);
        boolean idempotentMethod = operation.document().isEmpty() && operation.method().idempotent();
        return safeDocument || idempotentMethod || idempotencyKey.isPresent();
    }
}
