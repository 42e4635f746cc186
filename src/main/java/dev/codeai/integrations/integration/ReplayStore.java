package dev.codeai.integrations.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the invoke endpoint's idempotent requests are kept: a request claims its id (caller and key) while it
 * runs, then leaves its answer for the retention period. Every server instance on the same store sees the same
 * claims. Implementations are thread-safe.
 */
interface ReplayStore {

    /**
     * Claims the ticket's id for {@code lease} (after which a crashed owner's claim lapses), or reports what
     * holds it; empty when the store cannot be reached.
     */
    Optional<Claim> claim(Ticket ticket, Duration lease, Instant now);

    /** Replaces the ticket's claim by its answer, kept for {@code retention}. */
    void complete(Ticket ticket, ReplayAnswer answer, Duration retention, Instant now);

    /** Drops the ticket's claim without an answer, so the same key may be used again. */
    void release(Ticket ticket);

    /**
     * One request's claim: {@code id} names caller and key, {@code fingerprint} the request itself, {@code owner}
     * this attempt to serve it.
     */
    record Ticket(String id, String fingerprint, String owner) {
    }

    /** What a claim found. */
    sealed interface Claim {
    }

    /** The id was free; it is now the caller's. */
    record Claimed() implements Claim {
    }

    /** Another request with this id is running. */
    record Running(String fingerprint) implements Claim {
    }

    /** A request with this id has finished with {@code answer}. */
    record Finished(String fingerprint, ReplayAnswer answer) implements Claim {
    }
}
