package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.model.Config;
import dev.codeai.integrations.dsl.model.Endpoint;
import dev.codeai.integrations.dsl.model.Entity;
import dev.codeai.integrations.dsl.model.Event;
import dev.codeai.integrations.dsl.model.Integration;
import dev.codeai.integrations.dsl.model.IntegrationKind;
import dev.codeai.integrations.dsl.model.Spec;
import dev.codeai.integrations.dsl.syntax.Declaration;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.SourceFile;
import dev.codeai.integrations.dsl.syntax.TypedBlockValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns a syntax tree into the bound model (DSL.md §4): resolves references after the whole file was read,
 * checks names, and applies every default the document lists. Semantic problems are collected.
 */
final class Binder {

    private final Values values;
    private final Diagnostics diagnostics;

    Binder(Values values) {
        this.values = values;
        this.diagnostics = values.diagnostics();
    }

    Spec bind(SourceFile file) {
        Set<String> entityNames = new LinkedHashSet<>();
        file.declarations().stream().filter(d -> d instanceof Declaration.Entity)
                .forEach(d -> entityNames.add(((Declaration.Entity) d).name()));
        TypeBinder types = new TypeBinder(values, entityNames);
        EntityBinder entityBinder = new EntityBinder(values, types);
        IntegrationBinder integrationBinder = new IntegrationBinder(values, types);
        RouteBinder routes = new RouteBinder(values, types);

        Config config = Config.EMPTY;
        boolean configSeen = false;
        Map<String, Entity> entities = new LinkedHashMap<>();
        Map<String, Integration> integrations = new LinkedHashMap<>();
        Map<String, Event> events = new LinkedHashMap<>();
        List<Endpoint> endpoints = new ArrayList<>();
        Map<String, Position> routeKeys = new HashMap<>();
        Map<String, String> kindsByName = new HashMap<>();
        Integration webhook = null;
        for (Declaration decl : file.declarations()) {
            diagnostics.context(decl.label());
            if (decl instanceof Declaration.Config c) {
                    if (configSeen) {
                        diagnostics.error("duplicate-declaration", c.position(), "a file has one config block");
                    } else {
                        config = config(c);
                        configSeen = true;
                    }
            } else if (decl instanceof Declaration.Entity e) {
                    if (unique(entities, e.name(), e.position(), "entity", kindsByName)) {
                        entities.put(e.name(), entityBinder.bind(e));
                    }
            } else if (decl instanceof Declaration.Integration i) {
                    if (unique(integrations, i.name(), i.position(), "integration", kindsByName)) {
                        Optional<Integration> bound = integrationBinder.bind(i);
                        diagnostics.context(decl.label());
                        if (bound.isPresent() && bound.get().kind() == IntegrationKind.WEBHOOK) {
                            if (webhook != null) {
                                diagnostics.error("second-webhook-integration", i.position(), "a file has at most one "
                                        + "webhook integration; " + webhook.name() + " is already the delivery engine");
                                continue;
                            }
                            webhook = bound.get();
                        }
                        bound.ifPresent(b -> integrations.put(b.name(), b));
                    }
            } else if (decl instanceof Declaration.Endpoint ep) {
                    Endpoint bound = routes.endpoint(ep);
                    Position first = routeKeys.putIfAbsent(bound.routeKey(), ep.position());
                    if (first != null) {
                        diagnostics.error("duplicate-endpoint", ep.position(), "endpoint " + ep.method() + " " + ep.path()
                                + " duplicates the one at line " + first.line());
                    } else {
                        endpoints.add(bound);
                    }
            } else if (decl instanceof Declaration.Event ev) {
                    if (unique(events, ev.name(), ev.position(), "event", kindsByName)) {
                        events.put(ev.name(), routes.event(ev));
                    }
            }
        }
        diagnostics.context("");
        for (Endpoint ep : endpoints) {
            ep.onSuccess().filter(emit -> !events.containsKey(emit.event())).ifPresent(emit -> diagnostics.error(
                    "unknown-event", emit.position(), "on_success emits '" + emit.event() + "', which is not a declared event"
                            + Names.didYouMean(emit.event(), events.keySet())));
        }
        return new Spec(file.file(), config, entities, integrations, List.copyOf(endpoints), events);
    }

    private <T> boolean unique(Map<String, T> seen, String name, Position at, String kind, Map<String, String> kinds) {
        if (seen.containsKey(name)) {
            diagnostics.error("duplicate-declaration", at, "duplicate " + kind + " '" + name + "'");
            return false;
        }
        String other = kinds.putIfAbsent(name, kind);
        if (other != null && !other.equals(kind)) {
            diagnostics.info("shared-name", at, kind + " '" + name + "' shares its name with an " + other);
        }
        return true;
    }

    private Config config(Declaration.Config decl) {
        Props props = Props.of(decl.properties());
        String name = props.get("name").flatMap(values::string).orElse("");
        String version = props.get("version").flatMap(values::string).orElse("");
        Optional<Config.Database> database = props.get("database").flatMap(this::database);
        Optional<Config.Cache> cache = props.get("cache").flatMap(this::cache);
        Set<String> extra = new LinkedHashSet<>();
        decl.properties().stream().map(Property::key).filter(k -> !BlockShape.CONFIG.known().contains(k)).forEach(extra::add);
        return new Config(name, version, database, cache, Set.copyOf(extra));
    }

    private Optional<Config.Database> database(Property p) {
        if (!(p.value() instanceof TypedBlockValue t)) {
            return values.invalid(p, "an engine block such as postgres { pool_size: 20 }");
        }
        Props props = Props.of(t.block().properties());
        unknownKeys(t, Set.of("pool_size", "timeout"));
        OptionalInt pool = props.get("pool_size").flatMap(s -> values.integer(s, 1))
                .map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty());
        Optional<Duration> timeout = props.get("timeout").flatMap(d -> values.duration(d, false));
        return Optional.of(new Config.Database(t.type(), pool, timeout));
    }

    private Optional<Config.Cache> cache(Property p) {
        if (!(p.value() instanceof TypedBlockValue t)) {
            return values.invalid(p, "an engine block such as redis { prefix: \"integ:\" }");
        }
        Props props = Props.of(t.block().properties());
        unknownKeys(t, Set.of("ttl", "prefix"));
        Optional<Duration> ttl = props.get("ttl").flatMap(d -> values.duration(d, true));
        String prefix = props.get("prefix").flatMap(values::string).orElse("");
        return Optional.of(new Config.Cache(t.type(), ttl, prefix));
    }

    private void unknownKeys(TypedBlockValue t, Set<String> known) {
        for (Property p : t.block().properties()) {
            if (!known.contains(p.key())) {
                diagnostics.warning("unknown-property", p.position(), "unknown property '" + p.key() + "' in "
                        + t.type() + Names.didYouMean(p.key(), known));
            }
        }
    }
}
