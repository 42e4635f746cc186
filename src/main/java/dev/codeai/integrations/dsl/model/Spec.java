package dev.codeai.integrations.dsl.model;

import java.util.List;
import java.util.Map;

/** The bound model of one integrations file (DSL.md §4); maps keep source order. */
public record Spec(String file, Config config, Map<String, Entity> entities, Map<String, Integration> integrations,
                   List<Endpoint> endpoints, Map<String, Event> events) {
}
