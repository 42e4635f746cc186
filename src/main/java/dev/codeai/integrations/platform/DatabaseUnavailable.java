package dev.codeai.integrations.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;

/**
 * 503: the database cannot be reached (connection refused or lost, the pool timed out waiting for one), so the request
 * did not complete and the caller should send it again. Whatever it was to store was normally not stored; only when the
 * connection was lost during the commit itself may the database have kept it (bench/chaos saw 1 of 532 refused
 * publications stored), which is why a publication sent again with the same event id is stored once. Recognised from the
 * SQL state class {@code 08} (connection exception), {@code 57P01}–{@code 57P03} (PostgreSQL shutting down or not yet
 * accepting connections) or the JDBC connection exception types, anywhere in a failure's causes.
 */
final class DatabaseUnavailable extends ApiProblem {

    private static final long serialVersionUID = 1L;
    static final int RETRY_AFTER_SECONDS = 5;

    DatabaseUnavailable() {
        super(503, "Service Unavailable", "The database is unavailable, so the request was not completed; try again shortly.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    /** The connection failure among {@code failure}'s causes, if any. */
    static Optional<SQLException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && unreachable(sql)) {
                return Optional.of(sql);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }
}
