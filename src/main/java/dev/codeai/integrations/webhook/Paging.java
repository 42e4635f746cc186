package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.ApiProblem.FieldError;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** {@code page} (from 1) and {@code limit} (1–100) of a list request, and the query-parameter checks around them. */
record Paging(int page, int limit) {

    static final int MAX_LIMIT = 100;

    static Paging of(String page, String limit) {
        int p = number("page", page, 1, Integer.MAX_VALUE / MAX_LIMIT);
        int l = number("limit", limit, 1, MAX_LIMIT);
        return new Paging(p, l);
    }

    <T> TypedQuery<T> apply(TypedQuery<T> query) {
        return query.setFirstResult((page - 1) * limit).setMaxResults(limit);
    }

    static Optional<Boolean> flag(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(name, "must be true or false");
        }
        return Optional.of(Boolean.parseBoolean(value));
    }

    static WebhookProblems.InvalidFields invalid(String field, String message) {
        return new WebhookProblems.InvalidFields(List.of(new FieldError(field, message)));
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "must be a whole number from " + min + " to " + max);
    }
}
