package dev.codeai.integrations.integration;

import java.util.concurrent.Future;

/**
 * The generated bulkhead in front of one integration's fault-tolerance bean ({@link IntegrationBean}): an
 * {@code @Asynchronous} method that runs at most {@code codeai.bulkhead.<integration>.concurrency} calls at once on
 * the fault-tolerance threads and queues up to {@code codeai.bulkhead.<integration>.queue} more; a further one fails
 * at once with SmallRye's {@code BulkheadException}, which no retry and no breaker sees. Every call of an operation
 * goes through it, awaited by {@link BulkheadWait}. Cancelling the future of a queued call frees its queue slot, and
 * a call its caller {@linkplain Call#abandon abandoned} never runs ({@link Call#admit}).
 */
public interface IntegrationBulkhead {

    /** The call's answer; its failure is the cause of the {@code ExecutionException} that {@code get} throws. */
    Future<UpstreamResponse> call(Call call);
}
