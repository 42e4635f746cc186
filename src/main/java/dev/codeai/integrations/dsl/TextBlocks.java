package dev.codeai.integrations.dsl;

import java.util.ArrayList;
import java.util.List;

/** The text-block normalisation of DSL.md §2.8, in its four steps. */
final class TextBlocks {

    private TextBlocks() {
    }

    static String normalise(String raw) {
        List<String> lines = new ArrayList<>(List.of(raw.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)));
        if (lines.size() > 1 && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        if (lines.size() > 1 && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, leadingWhitespace(line));
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? line.substring(Math.min(line.length(), indent == Integer.MAX_VALUE ? 0 : indent))
                    : line.substring(indent));
        }
        return String.join("\n", out);
    }

    private static int leadingWhitespace(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
