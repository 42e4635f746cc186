package dev.codeai.integrations.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {name}} placeholders of operation paths and header values (DSL.md §5.9); {@code {{} and
 * {@code }}} are literal braces, and text that is not a placeholder stays literal.
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{|}}|\\{([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)}");

    private Templates() {
    }

    /** The placeholder names in {@code template}, in order. */
    public static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Fills the placeholders with {@code values}; a name it cannot fill is an error at the call. */
    public static String fill(String template, java.util.function.Function<String, String> values) {
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = m.group().substring(0, 1);
            } else {
                replacement = values.apply(m.group(1));
                if (replacement == null) {
                    throw new IllegalArgumentException("no value for placeholder {" + m.group(1) + "}");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
