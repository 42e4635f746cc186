package dev.codeai.integrations.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Small JDBC steps shared by the stores that write with plain SQL (idempotent replays, the webhook engine). */
public final class Jdbc {

    /** SQLState of a unique-key violation, in PostgreSQL and H2 alike. */
    private static final String DUPLICATE_KEY = "23505";

    private Jdbc() {
    }

    /** Runs one statement with its parameters on {@code connection}; returns the rows it changed. */
    public static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** Runs one statement on a connection of its own (auto-commit); returns the rows it changed. */
    public static int update(DataSource dataSource, String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, sql, values);
        }
    }

    /** Whether the statement failed because the row's key is already there. */
    public static boolean duplicateKey(SQLException e) {
        return e != null && DUPLICATE_KEY.equals(e.getSQLState());
    }
}
