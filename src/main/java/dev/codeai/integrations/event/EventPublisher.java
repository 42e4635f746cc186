package dev.codeai.integrations.event;

import dev.codeai.integrations.dsl.model.Event;
import dev.codeai.integrations.integration.Catalog;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes an event: one log line always, then every {@code publish_to} target of its DSL declaration,
 * each on its own with up to {@link #ATTEMPTS} attempts spaced by {@link #WAITS}. Returns at once; a target
 * that fails for good is logged, never thrown to the publisher.
 */
@ApplicationScoped
public class EventPublisher {

    static final int ATTEMPTS = 4;
    static final List<Duration> WAITS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final Logger LOG = Logger.getLogger("dev.codeai.integrations.event");

    @Inject
    Catalog catalog;

    @Inject
    EventTargets targets;

    @Inject
    PayloadCheck check;

    @Resource
    ManagedScheduledExecutorService scheduler;

    public void publish(String type, JsonObject payload) {
        LOG.info(() -> "event " + type + " " + payload);
        Optional<Event> declared = Optional.ofNullable(catalog.spec().events().get(type));
        declared.ifPresent(event -> check.against(event, payload));
        for (Event.Target target : declared.map(Event::publishTo).orElse(List.of())) {
            scheduler.execute(() -> attempt(type, payload, target, 1));
        }
    }

    private void attempt(String type, JsonObject payload, Event.Target target, int attempt) {
        try {
            targets.send(type, payload, target);
        } catch (RuntimeException e) {
            if (attempt >= ATTEMPTS) {
                LOG.log(Level.WARNING, () -> "event " + type + " not sent to " + describe(target) + " after " + attempt
                        + " attempts: " + e.getMessage());
                return;
            }
            Duration wait = WAITS.get(Math.min(attempt, WAITS.size()) - 1);
            LOG.fine(() -> "event " + type + " to " + describe(target) + " failed (" + e.getMessage() + "), retry in " + wait);
            scheduler.schedule(() -> attempt(type, payload, target, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    static String describe(Event.Target target) {
        return target.kind().name().toLowerCase(java.util.Locale.ROOT) + "(\"" + target.argument() + "\")";
    }
}
