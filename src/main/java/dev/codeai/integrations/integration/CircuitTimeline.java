package dev.codeai.integrations.integration;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The breaker state changes of this instance in the last {@link #KEPT} (at most {@link #MAX_ENTRIES}), for the
 * console's timeline. In memory, like the breakers themselves: a restart starts an empty timeline. Thread-safe.
 */
@ApplicationScoped
public class CircuitTimeline {

    static final Duration KEPT = Duration.ofHours(1);
    static final int MAX_ENTRIES = 500;

    /** One change: the integration, the state it entered ({@code open}, {@code half-open}, {@code closed}) and when. */
    public record Change(String integration, String state, Instant at) {
    }

    private final Deque<Change> changes = new ArrayDeque<>();

    public synchronized void entered(String integration, String state, Instant at) {
        changes.addLast(new Change(integration, state, at));
        while (changes.size() > MAX_ENTRIES) {
            changes.removeFirst();
        }
    }

    /** The changes since {@code now} minus {@link #KEPT}, newest first. */
    public synchronized List<Change> lastHour(Instant now) {
        Instant oldest = now.minus(KEPT);
        while (!changes.isEmpty() && changes.peekFirst().at().isBefore(oldest)) {
            changes.removeFirst();
        }
        List<Change> newestFirst = new ArrayList<>(changes);
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
