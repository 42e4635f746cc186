package dev.codeai.integrations.codegen;

/**
 * Java names for DSL names: {@code GitHubAPI} → {@code GitHubAPIIntegration} (the fault-tolerance bean) and
 * {@code GitHubAPIBulkhead} (its bulkhead), {@code my-api} → {@code MyApiIntegration}, {@code MyApiBulkhead}.
 */
public final class ClassNames {

    public static final String PACKAGE = "dev.codeai.integrations.generated";

    private ClassNames() {
    }

    public static String beanClass(String integration) {
        return base(integration) + "Integration";
    }

    public static String bulkheadClass(String integration) {
        return base(integration) + "Bulkhead";
    }

    public static String qualified(String integration) {
        return PACKAGE + "." + beanClass(integration);
    }

    public static String bulkheadQualified(String integration) {
        return PACKAGE + "." + bulkheadClass(integration);
    }

    private static String base(String integration) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : integration.toCharArray()) {
            if (c == '-') {
                upper = true;
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        if (!Character.isJavaIdentifierStart(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }
}
