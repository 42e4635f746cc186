package dev.codeai.integrations.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drops the integration-test schema before the test server starts (exec-maven-plugin, pre-integration-test),
 * so every {@code mvn verify} migrates a fresh schema and no *IT sees rows left by an earlier run.
 */
public final class ItSchemaReset {

    private ItSchemaReset() {
    }

    /** Arguments: the JDBC URL and the schema to drop. */
    public static void main(String[] args) throws SQLException {
        if (!args[1].matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + args[1]);
        }
        try (Connection connection = DriverManager.getConnection(args[0]);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + args[1] + " CASCADE");
        }
        System.out.println("Dropped integration-test schema " + args[1]);
    }
}
