package dev.codeai.integrations.integration;

import dev.codeai.integrations.codegen.ClassNames;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Maps the deploy-time overrides {@code codeai.bulkhead.<integration>.concurrency} and {@code ….queue} (system
 * properties, or the environment variables {@code CODEAI_BULKHEAD_<INTEGRATION>_CONCURRENCY} and {@code …_QUEUE})
 * onto the keys SmallRye reads for the generated bulkhead, {@code <bulkhead class>/call/Bulkhead/value} and
 * {@code …/waitingTaskQueue}. Its ordinal is below system properties and environment variables, so those SmallRye
 * keys, when also set there, win. Immutable once built.
 */
public final class BulkheadConfigSource implements ConfigSource {

    static final String PREFIX = "codeai.bulkhead.";
    private static final String ENV_PREFIX = "CODEAI_BULKHEAD_";
    private static final String KEY_INFIX = "/call/Bulkhead/";
    private static final String CLASS_SUFFIX = "Bulkhead";

    /** A setting of the bulkhead: its name in {@code codeai.bulkhead.*} and the annotation member it sets. */
    enum Setting {
        CONCURRENCY("concurrency", "value"), QUEUE("queue", "waitingTaskQueue");

        private final String suffix;
        private final String member;

        Setting(String name, String member) {
            this.suffix = "." + name;
            this.member = member;
        }

        private String envSuffix() {
            return suffix.replace('.', '_').toUpperCase(Locale.ROOT);
        }
    }

    /** Values by {@link #normalized} integration name and setting, e.g. {@code GITHUBAPI/waitingTaskQueue}. */
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> names = new TreeSet<>();

    public BulkheadConfigSource() {
        this(properties(), System.getenv());
    }

    BulkheadConfigSource(Map<String, String> properties, Map<String, String> environment) {
        for (Setting setting : Setting.values()) {
            environment.forEach((name, value) -> integration(name, ENV_PREFIX, setting.envSuffix())
                    .ifPresent(integration -> values.put(normalized(integration) + "/" + setting.member, value)));
            properties.forEach((name, value) -> integration(name, PREFIX, setting.suffix).ifPresent(integration -> {
                values.put(normalized(integration) + "/" + setting.member, value);
                names.add(key(integration, setting));
            }));
        }
    }

    /** SmallRye's key for {@code setting} of the bulkhead of {@code integration}. */
    static String key(String integration, Setting setting) {
        return ClassNames.bulkheadQualified(integration) + KEY_INFIX + setting.member;
    }

    @Override
    public Set<String> getPropertyNames() {
        return names;
    }

    @Override
    public String getValue(String propertyName) {
        return settingOf(propertyName).map(values::get).orElse(null);
    }

    @Override
    public String getName() {
        return "codeai.bulkhead overrides";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }

    /** The integration named between {@code prefix} and {@code suffix}, when there is one. */
    private static Optional<String> integration(String name, String prefix, String suffix) {
        return name.startsWith(prefix) && name.endsWith(suffix) && name.length() > prefix.length() + suffix.length()
                ? Optional.of(name.substring(prefix.length(), name.length() - suffix.length())) : Optional.empty();
    }

    /** The normalized integration and member of a bulkhead key: {@code GITHUBAPI/value} of {@code …/Bulkhead/value}. */
    private static Optional<String> settingOf(String propertyName) {
        String prefix = ClassNames.PACKAGE + ".";
        for (Setting setting : Setting.values()) {
            Optional<String> integration = integration(propertyName, prefix, CLASS_SUFFIX + KEY_INFIX + setting.member);
            if (integration.isPresent()) {
                return Optional.of(normalized(integration.get()) + "/" + setting.member);
            }
        }
        return Optional.empty();
    }

    /** Letters and digits only, upper case: {@code my-api}, {@code MyApi} and {@code MY_API} are one integration. */
    private static String normalized(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(n -> properties.put(n, System.getProperty(n)));
        return properties;
    }
}
