package dev.codeai.integrations.dsl;

import java.util.Locale;

/** How bad a diagnostic is; only errors stop a file from loading. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
