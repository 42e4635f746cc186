package dev.codeai.integrations.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;

/**
 * The recent calls of one integration (the last {@link #WINDOW}, at most {@link #MAX_SAMPLES}): error
 * rate and latency percentiles for status and health, plus the last success, failure and error. Thread-safe.
 */
public final class CallStats {

    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MAX_SAMPLES = 1000;

    private record Sample(Instant at, long millis, boolean failed) {
    }

    /** What status and health show. Latencies are empty before the first call in the window. */
    public record Snapshot(int calls, double errorRate, Optional<Long> p50, Optional<Long> p99,
                           Optional<Instant> lastSuccess, Optional<Instant> lastFailure, Optional<String> lastError) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastError;

    public synchronized void success(Instant at, Duration took) {
        add(new Sample(at, took.toMillis(), false), at);
        lastSuccess = at;
    }

    public synchronized void failure(Instant at, Duration took, String error) {
        add(new Sample(at, took.toMillis(), true), at);
        lastFailure = at;
        lastError = error;
    }

    private void add(Sample sample, Instant now) {
        samples.addLast(sample);
        while (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
        evict(now);
    }

    private void evict(Instant now) {
        Instant oldest = now.minus(WINDOW);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    public synchronized Snapshot snapshot(Instant now) {
        evict(now);
        int calls = samples.size();
        long failed = samples.stream().filter(Sample::failed).count();
        long[] latencies = samples.stream().mapToLong(Sample::millis).sorted().toArray();
        return new Snapshot(calls, calls == 0 ? 0.0 : (double) failed / calls, percentile(latencies, 50),
                percentile(latencies, 99), Optional.ofNullable(lastSuccess), Optional.ofNullable(lastFailure),
                Optional.ofNullable(lastError));
    }

    /** Nearest-rank percentile of sorted values. */
    static Optional<Long> percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return Optional.of(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
    }

    @Override
    public synchronized String toString() {
        return "CallStats" + Arrays.toString(new int[] {samples.size()});
    }
}
