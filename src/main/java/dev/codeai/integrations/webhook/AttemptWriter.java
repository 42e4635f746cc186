package dev.codeai.integrations.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes finished attempts from one thread, as many as have queued up (at most {@value #BATCH}) in one transaction of
 * {@link AttemptLog}: under load one commit serves tens of deliveries, and an idle engine writes each at once. A batch
 * that fails is written again one outcome at a time, so one bad outcome cannot take the others with it; an outcome
 * that cannot be written completes exceptionally (its claim lapses and the delivery is attempted again).
 */
final class AttemptWriter {

    private static final Logger LOG = Logger.getLogger(AttemptWriter.class.getName());
    /** As many as can be in flight: while a commit is slow (a checkpoint, say), the next one takes all that waited. */
    static final int BATCH = WebhookDispatcher.MAX_IN_FLIGHT;

    private record Queued(AttemptLog.Outcome outcome, CompletableFuture<AttemptLog.Recorded> recorded) {
    }

    private final AttemptLog log;
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopped;

    AttemptWriter(AttemptLog log, ThreadFactory threads) {
        this.log = log;
        this.thread = threads.newThread(this::run);
        thread.setName("codeai-webhook-attempt-writer");
        thread.start();
    }

    /** Queues an outcome; the answer completes, on the writer's thread, once it is committed. */
    CompletableFuture<AttemptLog.Recorded> write(AttemptLog.Outcome outcome) {
        CompletableFuture<AttemptLog.Recorded> recorded = new CompletableFuture<>();
        if (stopped) {
            recorded.completeExceptionally(new IllegalStateException("the webhook engine is stopping"));
        } else {
            queue.add(new Queued(outcome, recorded));
        }
        return recorded;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void run() {
        List<Queued> batch = new ArrayList<>(BATCH);
        while (!stopped) {
            try {
                Queued first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                break;
            } finally {
                batch.clear();
            }
        }
        List<Queued> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(queued -> queued.recorded().completeExceptionally(new IllegalStateException("the webhook engine stopped")));
    }

    private void write(List<Queued> batch) {
        List<AttemptLog.Recorded> recorded;
        try {
            recorded = log.record(batch.stream().map(Queued::outcome).toList());
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                LOG.log(Level.WARNING, "Cannot record {0} delivery attempts together, recording them one by one: {1}",
                        new Object[] {batch.size(), e.getMessage()});
                batch.forEach(queued -> write(List.of(queued)));
            } else {
                batch.get(0).recorded().completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).recorded().complete(recorded.get(i));
        }
    }
}
