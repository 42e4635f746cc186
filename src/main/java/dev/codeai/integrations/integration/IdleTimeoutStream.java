package dev.codeai.integrations.integration;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A streamed upstream body whose reads may pause at most {@code idleMillis} (DSL.md §5.5: for
 * {@code returns: binary} the timeout lasts until the headers arrive, then acts as an idle timeout between
 * chunks). A watchdog closes the stream when it stalls, which aborts the exchange; the next read fails.
 */
final class IdleTimeoutStream extends FilterInputStream {

    private final long idleNanos;
    private final ScheduledExecutorService watchdog;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean closed;
    private volatile boolean stalled;

    IdleTimeoutStream(InputStream in, long idleMillis, ScheduledExecutorService watchdog) {
        super(in);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.watchdog = watchdog;
        watchdog.schedule(this::check, idleNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (closed) {
            return;
        }
        long idle = System.nanoTime() - lastProgress;
        if (idle < idleNanos) {
            watchdog.schedule(this::check, idleNanos - idle, TimeUnit.NANOSECONDS);
            return;
        }
        stalled = true;
        try {
            close();
        } catch (IOException ignored) {
            // closing is how the exchange is aborted; the reader sees the stall
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            throw stalled ? stall() : e;
        }
        if (stalled) {
            throw stall();
        }
        lastProgress = System.nanoTime();
        return n;
    }

    private IOException stall() {
        return new IOException("the upstream body stalled for more than "
                + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms");
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
    }
}
