package dev.codeai.integrations.webhook;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The attempts in flight to each endpoint on this instance, at most {@code limit} each (no head-of-line blocking: a
 * slow or dead endpoint holds only its own share of the dispatcher's slots). Thread-safe.
 */
final class EndpointSlots {

    private final IntSupplier limit;
    /** Attempts in flight per endpoint id (present only while some are). */
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    EndpointSlots(IntSupplier limit) {
        this.limit = limit;
    }

    /** The endpoints with as many attempts in flight as one may have: the next claim skips them. */
    Set<String> busy() {
        int max = limit.getAsInt();
        Set<String> busy = new HashSet<>();
        inFlight.forEach((endpointId, count) -> {
            if (count >= max) {
                busy.add(endpointId);
            }
        });
        return busy;
    }

    /** Whether the endpoint has a slot free now (a hint: another thread may take it first). */
    boolean hasRoom(String endpointId) {
        return inFlight.getOrDefault(endpointId, 0) < limit.getAsInt();
    }

    /** Takes one of the endpoint's slots; false when it has none left (one claim may bring many of its deliveries). */
    boolean reserve(String endpointId) {
        int max = limit.getAsInt();
        boolean[] taken = new boolean[1];
        inFlight.compute(endpointId, (id, count) -> {
            int current = count == null ? 0 : count;
            taken[0] = current < max;
            return taken[0] ? current + 1 : current;
        });
        return taken[0];
    }

    /** Gives back a slot that {@link #reserve} took. */
    void free(String endpointId) {
        inFlight.computeIfPresent(endpointId, (id, count) -> count <= 1 ? null : count - 1);
    }
}
