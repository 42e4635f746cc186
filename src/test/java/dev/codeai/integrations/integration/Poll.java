package dev.codeai.integrations.integration;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Polls a probe until its value is accepted or a bound passes; the last value is returned either way. */
public final class Poll {

    private static final Duration EVERY = Duration.ofMillis(100);

    private Poll() {
    }

    public static <T> T until(Duration bound, Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        T value = probe.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(EVERY.toNanos());
            value = probe.call();
        }
        return value;
    }
}
