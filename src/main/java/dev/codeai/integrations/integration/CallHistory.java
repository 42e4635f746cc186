package dev.codeai.integrations.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One integration's calls of the last {@link #MINUTES} minutes, one bucket per minute (calls, failures and a
 * latency histogram), for the console's charts. Memory stays fixed however many calls there are, so the
 * percentiles are approximate: the upper bound of the histogram bucket the rank falls in, never above the
 * minute's slowest call. Thread-safe.
 */
public final class CallHistory {

    static final int MINUTES = 60;
    /** Upper bounds of the latency buckets in ms; a last bucket holds everything slower. */
    private static final long[] BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000};

    /** One minute: its start, calls, failed calls and approximate latency percentiles (empty without calls). */
    public record Minute(Instant start, int calls, int failures, Optional<Long> p50, Optional<Long> p99) {
    }

    private final long[] minuteOf = new long[MINUTES];
    private final int[] calls = new int[MINUTES];
    private final int[] failures = new int[MINUTES];
    private final long[] slowest = new long[MINUTES];
    private final int[][] histogram = new int[MINUTES][BOUNDS.length + 1];

    public CallHistory() {
        Arrays.fill(minuteOf, Long.MIN_VALUE);
    }

    public synchronized void record(Instant at, Duration took, boolean failed) {
        long minute = at.getEpochSecond() / 60;
        int slot = slot(minute);
        if (minuteOf[slot] != minute) {
            minuteOf[slot] = minute;
            calls[slot] = 0;
            failures[slot] = 0;
            slowest[slot] = 0;
            Arrays.fill(histogram[slot], 0);
        }
        long millis = took.toMillis();
        calls[slot]++;
        failures[slot] += failed ? 1 : 0;
        slowest[slot] = Math.max(slowest[slot], millis);
        histogram[slot][bucket(millis)]++;
    }

    /** The last {@link #MINUTES} minutes up to {@code now}'s, oldest first, minutes without calls included. */
    public synchronized List<Minute> lastHour(Instant now) {
        long current = now.getEpochSecond() / 60;
        List<Minute> minutes = new ArrayList<>(MINUTES);
        for (long minute = current - MINUTES + 1; minute <= current; minute++) {
            int slot = slot(minute);
            Instant start = Instant.ofEpochSecond(minute * 60);
            if (minuteOf[slot] != minute || calls[slot] == 0) {
                minutes.add(new Minute(start, 0, 0, Optional.empty(), Optional.empty()));
            } else {
                minutes.add(new Minute(start, calls[slot], failures[slot], percentile(slot, 50), percentile(slot, 99)));
            }
        }
        return minutes;
    }

    private Optional<Long> percentile(int slot, int p) {
        int rank = Math.max(1, (int) Math.ceil(p / 100.0 * calls[slot]));
        int seen = 0;
        for (int b = 0; b < BOUNDS.length; b++) {
            seen += histogram[slot][b];
            if (seen >= rank) {
                return Optional.of(Math.min(BOUNDS[b], slowest[slot]));
            }
        }
        return Optional.of(slowest[slot]);
    }

    private static int bucket(long millis) {
        for (int b = 0; b < BOUNDS.length; b++) {
            if (millis <= BOUNDS[b]) {
                return b;
            }
        }
        return BOUNDS.length;
    }

    private static int slot(long minute) {
        return (int) Math.floorMod(minute, (long) MINUTES);
    }
}
