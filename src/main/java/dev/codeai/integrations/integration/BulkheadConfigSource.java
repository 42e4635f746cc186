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
 * Maps the deploy-time override {@code codeai.bulkhead.<integration>.concurrency} (a system property, or the
 * environment variable {@code CODEAI_BULKHEAD_<INTEGRATION>_CONCURRENCY}) onto the key SmallRye reads for the
 * generated bulkhead, {@code <bulkhead class>/call/Bulkhead/value}. Its ordinal is below system properties and
 * environment variables, so that SmallRye key, when also set there, wins. Immutable once built.
 */
public final class BulkheadConfigSource implements ConfigSource {

    static final String PREFIX = "codeai.bulkhead.";
    static final String SUFFIX = ".concurrency";
    private static final String ENV_PREFIX = "CODEAI_BULKHEAD_";
    private static final String ENV_SUFFIX = "_CONCURRENCY";
    private static final String KEY_SUFFIX = "/call/Bulkhead/value";
    private static final String CLASS_SUFFIX = "Bulkhead";

    /** Values by {@link #normalized} integration name. */
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> names = new TreeSet<>();

    public BulkheadConfigSource() {
        this(properties(), System.getenv());
    }

    BulkheadConfigSource(Map<String, String> properties, Map<String, String> environment) {
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.endsWith(ENV_SUFFIX)
                    && name.length() > ENV_PREFIX.length() + ENV_SUFFIX.length()) {
                values.put(normalized(name.substring(ENV_PREFIX.length(), name.length() - ENV_SUFFIX.length())), value);
            }
        });
        properties.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && name.length() > PREFIX.length() + SUFFIX.length()) {
                String integration = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                values.put(normalized(integration), value);
                names.add(key(integration));
            }
        });
    }

    /** SmallRye's key for the bulkhead of {@code integration}. */
    static String key(String integration) {
        return ClassNames.bulkheadQualified(integration) + KEY_SUFFIX;
    }

    @Override
    public Set<String> getPropertyNames() {
        return names;
    }

    @Override
    public String getValue(String propertyName) {
        return integrationOf(propertyName).map(values::get).orElse(null);
    }

    @Override
    public String getName() {
        return "codeai.bulkhead overrides";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }

    /** The normalized integration of a bulkhead key, e.g. {@code GITHUBAPI} of {@code …GitHubAPIBulkhead/call/…}. */
    private static Optional<String> integrationOf(String propertyName) {
        String prefix = ClassNames.PACKAGE + ".";
        if (!propertyName.startsWith(prefix) || !propertyName.endsWith(CLASS_SUFFIX + KEY_SUFFIX)) {
            return Optional.empty();
        }
        return Optional.of(normalized(propertyName.substring(prefix.length(),
                propertyName.length() - CLASS_SUFFIX.length() - KEY_SUFFIX.length())));
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
