package dev.codeai.integrations.event;

import dev.codeai.integrations.dsl.model.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Compares a published payload with its event's schema (DSL.md §5.8): a missing or undeclared field is
 * logged and counted in {@code codeai_event_payload_mismatches_total}, and the event still goes out.
 */
@ApplicationScoped
public class PayloadCheck {

    private static final Logger LOG = Logger.getLogger("dev.codeai.integrations.event");

    @Inject
    MetricRegistry registry;

    void against(Event event, JsonObject payload) {
        List<String> problems = new ArrayList<>();
        event.payload().fields().keySet().stream().filter(name -> !payload.containsKey(name))
                .forEach(name -> problems.add("missing " + name));
        payload.keySet().stream().filter(name -> !event.payload().fields().containsKey(name))
                .forEach(name -> problems.add("undeclared " + name));
        if (!problems.isEmpty()) {
            LOG.warning(() -> "event " + event.name() + " payload does not match its schema: " + String.join(", ", problems));
            registry.counter("codeai_event_payload_mismatches", new Tag("event", event.name())).inc();
        }
    }
}
