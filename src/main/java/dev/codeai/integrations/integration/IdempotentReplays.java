package dev.codeai.integrations.integration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The invoke endpoint's own idempotency, the way Stripe's API has it: a request repeated with the same
 * {@code Idempotency-Key} by the same caller within the retention (default 24 h,
 * {@code codeai.idempotency.retention}) gets the first request's answer again without another upstream call,
 * marked {@code Idempotent-Replayed: true}; a duplicate arriving while the first runs waits for its answer (at
 * most one call budget, then 409); the same key with another operation or other arguments is a 422.
 *
 * <p>Only answers are kept, i.e. what the upstream said (also 4xx). A problem of our own (invalid arguments,
 * circuit open, timeout, retries used up, rate limit) keeps nothing, so the caller may repeat the request with
 * the same key; that key also reaches the upstream of an integration with {@code idempotency}, which lets the
 * upstream recognise a repeat. Kept in Redis when {@code REDIS_URL} is set, else, and while Redis is
 * unreachable, in the database; both are shared by every server instance. Thread-safe.
 */
@ApplicationScoped
public class IdempotentReplays {

    private static final Logger LOG = Logger.getLogger(IdempotentReplays.class.getName());
    /** Header of a replayed answer (as Stripe names it). */
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    /** A claim outlives its call budget by this much before another request may take over a crashed owner's key. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    @Inject
    SharedRedis redis;

    @Inject
    Catalog catalog;

    @Inject
    Clock clock;

    @Resource(lookup = "jdbc/codeai")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "codeai.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    private Optional<ReplayStore> shared;
    private ReplayStore database;

    @PostConstruct
    void open() {
        shared = redis.client().map(client -> new RedisReplayStore(client, catalog.cachePrefix()));
        database = new DatabaseReplayStore(dataSource);
    }

    /** Checks a caller's key: 1 to 255 printable ASCII characters. */
    public static String checkedKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ReplayProblems.InvalidKey(MAX_KEY_LENGTH);
        }
        return key;
    }

    /**
     * What identifies a request beyond its key: integration, operation, arguments (as RFC 8785 JSON, so order
     * and spacing do not matter) and, for a binary upload, the content type and the payload's SHA-256.
     */
    public static String fingerprint(String integration, String operation, JsonObject arguments,
                                     Optional<Payload> payload) {
        String upload = payload.map(p -> Sha256.hex(p.file())).orElse("");
        return Sha256.hex((integration + "\n" + operation + "\n" + CanonicalJson.of(arguments) + "\n" + upload)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code request} once for this caller's key and request fingerprint, or answers what the first
     * request with the key answered. {@code budget} is the longest the request can take.
     */
    public ReplayAnswer once(String subject, String key, String fingerprint, Duration budget,
                             Supplier<ReplayAnswer> request) {
        ReplayStore.Ticket ticket = new ReplayStore.Ticket(
                Sha256.hex((subject + "\n" + key).getBytes(StandardCharsets.UTF_8)), fingerprint, UUID.randomUUID().toString());
        Duration lease = budget.plus(LEASE_MARGIN);
        Instant giveUp = clock.instant().plus(budget).plus(Duration.ofSeconds(1));
        while (true) {
            Instant now = clock.instant();
            ReplayStore store = shared.orElse(database);
            Optional<ReplayStore.Claim> claim = store.claim(ticket, lease, now);
            if (claim.isEmpty()) {
                store = database;
                claim = database.claim(ticket, lease, now);
            }
            ReplayStore.Claim held = claim.orElseThrow();
            if (held instanceof ReplayStore.Claimed) {
                return run(store, ticket, request);
            }
            if (held instanceof ReplayStore.Finished finished) {
                sameRequest(finished.fingerprint(), fingerprint);
                return replayed(finished.answer());
            }
            sameRequest(((ReplayStore.Running) held).fingerprint(), fingerprint);
            if (!now.isBefore(giveUp)) {
                throw new ReplayProblems.StillRunning();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private ReplayAnswer run(ReplayStore store, ReplayStore.Ticket ticket, Supplier<ReplayAnswer> request) {
        ReplayAnswer answer;
        try {
            answer = request.get();
        } catch (RuntimeException e) {
            store.release(ticket);
            throw e;
        }
        try {
            store.complete(ticket, answer, retention, clock.instant());
        } catch (RuntimeException e) {
            // The call happened: its caller gets the answer; only a later replay of it is lost.
            LOG.log(Level.WARNING, "Cannot keep the answer of an idempotent request: {0}", e.getMessage());
        }
        return answer;
    }

    private static void sameRequest(String stored, String fingerprint) {
        if (!stored.equals(fingerprint)) {
            throw new ReplayProblems.KeyReused();
        }
    }

    private static ReplayAnswer replayed(ReplayAnswer first) {
        Map<String, String> headers = new LinkedHashMap<>(first.headers());
        headers.put(REPLAYED, "true");
        return new ReplayAnswer(first.status(), headers, first.body());
    }
}
