package dev.codeai.integrations.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a dispatch round just after a retry falls due, so it starts then rather than at the next tick of the 1-second
 * timer (which would add up to a second, a whole second for attempts that the timer itself started: bench/chaos). At
 * most one wake-up per {@value #SLOT_MILLIS} ms however many retries fall in it; retries further off than
 * {@link #HORIZON} are left to the timer, for which a second is within their jitter. Thread-safe.
 */
final class RetryWakeUps {

    static final Duration HORIZON = Duration.ofMinutes(1);
    static final long SLOT_MILLIS = 100;

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Runnable round;
    /** The slots (epoch millis / SLOT_MILLIS) that have a wake-up scheduled. */
    private final Set<Long> slots = ConcurrentHashMap.newKeySet();

    RetryWakeUps(Clock clock, ScheduledExecutorService scheduler, Runnable round) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.round = round;
    }

    /** Schedules a round at the end of the slot {@code due} falls in, unless one is scheduled there already. */
    void at(Instant due) {
        long delay = Duration.between(clock.instant(), due).toMillis();
        if (delay > HORIZON.toMillis()) {
            return;
        }
        long slot = Math.floorDiv(due.toEpochMilli(), SLOT_MILLIS);
        if (!slots.add(slot)) {
            return;
        }
        long untilSlotEnd = (slot + 1) * SLOT_MILLIS - clock.millis();
        try {
            scheduler.schedule(() -> {
                slots.remove(slot);
                round.run();
            }, Math.max(0, untilSlotEnd), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            slots.remove(slot); // stopping: the timer (or the next start) picks the retry up
        }
    }
}
