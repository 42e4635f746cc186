package dev.codeai.integrations.webhook;

import dev.codeai.integrations.event.EventPublisher;
import dev.codeai.integrations.platform.NetworkErrors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers due webhook deliveries: starts those that publishing leased to this instance at once
 * ({@link #startLeased}), claims the others in batches ({@link DeliveryStore#claim}), sends each attempt on a thread of
 * its own ({@link DeliveryAttempts}), writes the outcomes in batches ({@link AttemptWriter}) and publishes what follows
 * from them ({@link AttemptNotices}), with at most
 * {@value #MAX_IN_FLIGHT} attempts in flight per instance and at most {@link WebhookSettings#endpointConcurrency()} to
 * any one endpoint ({@link EndpointSlots}), so a slow or dead endpoint holds only its own share of the slots: claims
 * skip endpoints at their limit, and what one claim brings beyond it is given back. Runs when events are published and
 * on the EJB timer of {@link WebhookTimers}, which also picks up retries when they fall due and deliveries a crashed
 * instance left, with {@link RetryWakeUps} for retries due sooner than its next tick. An endpoint whose breaker is open
 * gets its deliveries postponed to the end of the open period, uncharged; then the oldest due one is the single
 * half-open probe. Thread-safe.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    /**
     * Attempt slots per instance. A slot is held from the claim until the outcome is recorded, so throughput is the slots
     * over that whole cycle (attempt plus the writer's batch and commit, tens of milliseconds under load): with 64,
     * 200 single publications a second to 10 endpoints (2,000 deliveries/s) built a backlog of seconds while the server
     * used a third of the machine (bench/webhooks).
     */
    static final int MAX_IN_FLIGHT = 256;
    /** Default attempts in flight to one endpoint ({@code codeai.webhooks.endpoint-concurrency}). */
    static final int ENDPOINT_CONCURRENCY = 16;
    private static final int BATCH = 50;
    /** Free slots that make another claim worth it while attempts are in flight. */
    private static final int REFILL = MAX_IN_FLIGHT / 4;
    /** A claim outlives its attempt's timeout by this much; then another instance may take the delivery. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    @Inject
    DeliveryStore store;

    @Inject
    WebhookSettings settings;

    @Inject
    EventPublisher events;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "codeai.webhooks.allowed-cidrs", defaultValue = " ")
    String allowedCidrs;

    private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    private ScheduledThreadPoolExecutor timer;
    private RetryWakeUps wakeUps;
    private AttemptNotices notices;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** The last claim may have left due deliveries behind (it was full, or gave some back); the next one tells. */
    private volatile boolean behind;
    private EndpointSlots perEndpoint;
    private ExecutorService httpThreads;
    private WebhookClient client;
    private DeliveryAttempts attempts;
    private AttemptLog log;
    private AttemptWriter writer;

    @PostConstruct
    void start() {
        perEndpoint = new EndpointSlots(settings::endpointConcurrency);
        // A thread per attempt in flight, an idle one reused before another starts; the slots bound them.
        httpThreads = new ThreadPoolExecutor(0, MAX_IN_FLIGHT, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), threads);
        timer = new ScheduledThreadPoolExecutor(1, threads);
        timer.setRemoveOnCancelPolicy(true); // every attempt schedules its timeout and nearly all are cancelled
        wakeUps = new RetryWakeUps(clock, timer, this::kick);
        notices = new AttemptNotices(settings, events);
        client = new WebhookClient(WebhookClient::systemTls, timer, Attempt.MAX_BODY_CHARS);
        attempts = new DeliveryAttempts(settings, SsrfGuard.of(allowedCidrs), client, httpThreads);
        log = new AttemptLog(store.dataSource(), settings);
        writer = new AttemptWriter(log, threads);
    }

    @PreDestroy
    void stop() {
        writer.stop();
        timer.shutdownNow();
        httpThreads.shutdownNow();
        client.close();
    }

    /** Closes the attempts' kept-alive connections that have been idle too long (the 1-second timer). */
    void closeIdleConnections() {
        client.closeIdle();
    }

    /** The SSRF guard endpoints are checked with when created or changed. */
    SsrfGuard guard() {
        return attempts.guard();
    }

    /** Starts a dispatch round on a managed thread (after a publish); returns at once. */
    void kick() {
        executor.execute(this::dispatchDue);
    }

    /**
     * Claims due deliveries and starts their attempts while slots are free; one round at a time per instance. A call
     * that finds a round running leaves {@code again} set for it, and one that comes as the round ends finds
     * {@code running} free with its {@code again} still set, so no call is lost (it would wait for the 1-second timer).
     */
    void dispatchDue() {
        again.set(true);
        while (again.get() && running.compareAndSet(false, true)) {
            try {
                while (again.getAndSet(false)) {
                    claimWhileFree();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Webhook dispatch round failed; the timer tries again: {0}", e.getMessage());
                return;
            } finally {
                running.set(false);
            }
        }
    }

    /**
     * Claims in batches: with attempts in flight, until fewer than a quarter of the slots are free, so a busy instance
     * makes a few large claims rather than one per finished attempt.
     */
    private void claimWhileFree() {
        while (slots.availablePermits() >= (slots.availablePermits() == MAX_IN_FLIGHT ? 1 : REFILL)) {
            Instant now = clock.instant();
            int room = Math.min(BATCH, slots.availablePermits());
            List<DeliveryStore.Claimed> claimed = store.claim(room, now, leaseUntil(now), perEndpoint.busy());
            List<String> excess = startAll(claimed, now);
            if (!excess.isEmpty()) {
                store.release(excess);
            }
            behind = claimed.size() == room || !excess.isEmpty();
            if (claimed.size() < room || !excess.isEmpty()) {
                return;
            }
        }
    }

    /** Until when a claim made now holds a delivery; publishing leases new deliveries as long. */
    Instant leaseUntil(Instant now) {
        return now.plus(settings.timeout(30)).plus(LEASE_MARGIN);
    }

    /**
     * Whether an attempt to the endpoint could start now; publishing leases its new deliveries here then. Never while
     * due deliveries wait for a claim: new ones would overtake them, and under load the oldest would wait longest.
     */
    boolean hasRoom(String endpointId) {
        return !behind && slots.availablePermits() > 0 && perEndpoint.hasRoom(endpointId);
    }

    /**
     * Starts the attempts of deliveries that publishing stored leased to this instance. Any that found no room after
     * all are given back to the claims (or, should that fail, their lease lapses), and a round is started for them.
     */
    void startLeased(List<DeliveryStore.Claimed> leased) {
        List<String> excess = startAll(leased, clock.instant());
        if (!excess.isEmpty()) {
            behind = true;
            try {
                store.release(excess);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot give back {0} deliveries; their lease lapses: {1}",
                        new Object[] {excess.size(), e.getMessage()});
            }
            kick();
        }
    }

    /** Starts each delivery that gets a slot of its endpoint and of this instance; answers the ids of those that did not. */
    private List<String> startAll(List<DeliveryStore.Claimed> deliveries, Instant now) {
        List<String> excess = new ArrayList<>();
        for (DeliveryStore.Claimed delivery : deliveries) {
            if (!perEndpoint.reserve(delivery.endpointId())) {
                excess.add(delivery.id());
            } else if (!slots.tryAcquire()) {
                perEndpoint.free(delivery.endpointId());
                excess.add(delivery.id());
            } else if (!started(delivery, now)) {
                perEndpoint.free(delivery.endpointId());
                slots.release();
            }
        }
        return excess;
    }

    /**
     * {@link #start}, but false as well when starting failed (the database went away while postponing, say): the claim
     * lapses and the delivery is attempted later, and the endpoint's slot is given back by the caller, not leaked.
     */
    private boolean started(DeliveryStore.Claimed delivery, Instant now) {
        try {
            return start(delivery, now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot start an attempt of delivery {0}: {1}", new Object[] {delivery.id(), e.getMessage()});
            return false;
        }
    }

    /**
     * Starts the delivery's attempt on the slot the caller took, which the attempt gives back when its outcome is
     * recorded; false when it was postponed instead (its endpoint's breaker is open) and the slot is the caller's again.
     */
    private boolean start(DeliveryStore.Claimed delivery, Instant now) {
        if (!delivery.endpointActive()) {
            store.failInactive(delivery.id(), now);
            return false;
        }
        Optional<Instant> openUntil = DeliveryStore.instant(delivery.breakerOpenUntil());
        if (!delivery.healthy() && settings.breaker().isPresent()) {
            Duration timeout = settings.timeout(delivery.timeoutSeconds());
            if (openUntil.filter(now::isBefore).isPresent()) {
                store.postpone(delivery.id(), openUntil.get());
                return false;
            }
            if (!store.takeProbe(delivery.endpointId(), now, now.plus(timeout).plus(LEASE_MARGIN))) {
                store.postpone(delivery.id(), now.plus(timeout));
                return false;
            }
        }
        Duration timeout = settings.timeout(delivery.timeoutSeconds());
        if (timeout.compareTo(settings.timeout(30)) > 0) {
            // An endpoint with a longer timeout than the claim's lease: hold it for the whole attempt.
            store.update("UPDATE webhook_delivery SET claimed_until = ? WHERE id = ?",
                    DeliveryStore.utc(now.plus(timeout).plus(LEASE_MARGIN)), delivery.id());
        }
        attempts.send(delivery, now).exceptionally(failure -> {
                    LOG.log(Level.WARNING, "Attempt of delivery " + delivery.id() + " failed inside the engine", failure);
                    return Attempt.failed(NetworkErrors.describe(failure), 0, "{}");
                })
                .thenCompose(attempt -> {
                    Instant finished = clock.instant();
                    Redelivery.Decision decision = decide(delivery, attempt, true, finished);
                    return writer.write(new AttemptLog.Outcome(delivery, attempt, decision, !attempt.unsendable(), finished))
                            .thenAccept(recorded -> {
                                decision.nextAttempt().ifPresent(wakeUps::at);
                                notices.announce(delivery, attempt, decision, recorded, finished);
                                if (decision.disableEndpoint()) {
                                    failPending(delivery, finished);
                                }
                            });
                })
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        // The claim lapses and the delivery is attempted again: at least once, never lost.
                        LOG.log(Level.WARNING, "Cannot record an attempt of delivery {0}: {1}",
                                new Object[] {delivery.id(), failure.getMessage()});
                    }
                    perEndpoint.free(delivery.endpointId());
                    slots.release();
                    if (slots.availablePermits() % REFILL == 0) {
                        kick();
                    }
                });
        return true;
    }

    /**
     * After a 410 Gone deactivated the endpoint: its other pending deliveries end failed unsent. Should that fail, each
     * of them still ends so when it is claimed ({@link #start}).
     */
    private void failPending(DeliveryStore.Claimed delivery, Instant now) {
        try {
            store.failPending(delivery.endpointId(), now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot end the pending deliveries of deactivated endpoint {0} now: {1}",
                    new Object[] {delivery.endpointId(), e.getMessage()});
        }
    }

    private Redelivery.Decision decide(DeliveryStore.Claimed delivery, Attempt attempt, boolean automatic, Instant now) {
        return Redelivery.after(attempt, delivery, automatic, settings, now, ThreadLocalRandom.current());
    }

    /** One synchronous attempt outside the schedule (test deliveries, manual retries); it ends the delivery either way. */
    Redelivery.Decision attemptNow(DeliveryStore.Claimed delivery) {
        Attempt attempt = attempts.sendHere(delivery, clock.instant());
        Instant now = clock.instant();
        Redelivery.Decision decision = decide(delivery, attempt, false, now);
        try {
            log.record(new AttemptLog.Outcome(delivery, attempt, decision, false, now));
            if (decision.disableEndpoint()) {
                failPending(delivery, now);
            }
        } catch (RuntimeException e) {
            // The manual claim lapses; the delivery keeps its earlier state.
            LOG.log(Level.WARNING, "Cannot record an attempt of delivery {0}: {1}", new Object[] {delivery.id(), e.getMessage()});
        }
        return decision;
    }
}
