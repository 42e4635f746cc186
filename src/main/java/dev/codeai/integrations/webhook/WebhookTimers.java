package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.DatabaseMigrator;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The EJB timers of the delivery engine. Every second: a dispatch round, which sends the retries that fell due
 * (their {@code next_retry_at} is in the database, so a restart changes nothing) and the deliveries whose claim
 * lapsed on a crashed instance. Every hour: the dead-letter purge (failed deliveries whose last attempt is older
 * than the DSL's {@code retention}). Non-persistent: the schedule lives in the rows, not in the timers; and no
 * container transaction, since each step commits its own.
 * <p>A timeout method must never fail: Liberty retries a failed non-persistent timer once at once and then only every
 * {@code nonPersistentRetryInterval} (300 s), and the timer does not fire on its schedule meanwhile. A round that hits a
 * database outage (or the schema before the migrations) ends with the container rolling back the method's local
 * transaction, which fails the method after it returned; so the round runs on the managed executor instead
 * ({@link WebhookDispatcher#kick()}), and the purge catches its own failures.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookTimers {

    private static final Logger LOG = Logger.getLogger(WebhookTimers.class.getName());

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    DeliveryStore store;

    @Inject
    WebhookSettings settings;

    @Inject
    Clock clock;

    @Inject
    DatabaseMigrator migrations;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void redeliver() {
        if (!migrations.done()) {
            return; // the timer can fire before the migrations ran, and a claim would fail on the old schema
        }
        dispatcher.kick();
        dispatcher.closeIdleConnections();
    }

    @Schedule(hour = "*", minute = "7", persistent = false)
    void purgeDeadLetters() {
        settings.retention().ifPresent(retention -> {
            try {
                int purged = store.update("DELETE FROM webhook_delivery WHERE status = ? AND last_attempt_at < ?",
                        DeliveryStore.FAILED, DeliveryStore.utc(clock.instant().minus(retention)));
                if (purged > 0) {
                    LOG.log(Level.INFO, "Purged {0} dead-lettered webhook deliveries older than {1}", new Object[] {purged, retention});
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Dead-letter purge failed; the next hour tries again: {0}", e.getMessage());
            }
        });
    }
}
