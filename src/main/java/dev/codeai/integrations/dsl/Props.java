package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.syntax.Property;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The properties of one block by key (duplicates were already dropped by the parser). */
record Props(Map<String, Property> byKey) {

    static Props of(List<Property> properties) {
        Map<String, Property> map = new LinkedHashMap<>();
        properties.forEach(p -> map.putIfAbsent(p.key(), p));
        return new Props(map);
    }

    Optional<Property> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    boolean has(String key) {
        return byKey.containsKey(key);
    }
}
