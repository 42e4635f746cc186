package dev.codeai.integrations.platform;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens every connection of both pools at start, right after the migrations, so the server holds a fixed number of
 * database connections from then on (server.xml sets each pool's minimum to its maximum, and Liberty never closes
 * idle connections below the minimum). Liberty opens connections only on demand, so a pool otherwise grew to each
 * new peak of concurrency long after start. Filling is best effort: a connection that cannot be opened now is opened
 * later on demand, as before.
 */
@ApplicationScoped
public class ConnectionPools {

    private static final Logger LOG = Logger.getLogger(ConnectionPools.class.getName());

    @Resource(lookup = "jdbc/codeai")
    DataSource requests;

    @Resource(lookup = "jdbc/codeai-engine")
    DataSource engine;

    /**
     * The sizes server.xml gives the pools: Liberty's variables are MicroProfile Config values too (an environment
     * variable, a bootstrap property, the DSL's {@code pool_size} in the generated dropin, server.xml's default), so
     * these defaults apply only on a server without them.
     */
    @Inject
    @ConfigProperty(name = "DB_POOL_SIZE", defaultValue = "10")
    int requestsSize;

    @Inject
    @ConfigProperty(name = "DB_ENGINE_POOL_SIZE", defaultValue = "4")
    int engineSize;

    void fillOnStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
                     @Initialized(ApplicationScoped.class) Object started) {
        int openedRequests = fill("jdbc/codeai", requests, requestsSize);
        int openedEngine = fill("jdbc/codeai-engine", engine, engineSize);
        LOG.info(() -> "Database connections open: jdbc/codeai " + openedRequests + " of " + requestsSize
                + ", jdbc/codeai-engine " + openedEngine + " of " + engineSize);
    }

    /**
     * Holds up to {@code size} connections of {@code pool} open at the same time, then returns them all to it; answers
     * how many were open together. Outside a global transaction each handle has a physical connection of its own
     * (Liberty shares connections only within one), so one thread fills the whole pool. Stops at the first
     * connection that cannot be opened.
     */
    static int fill(String name, DataSource pool, int size) {
        List<Connection> open = new ArrayList<>(size);
        try {
            while (open.size() < size) {
                open.add(pool.getConnection());
            }
        } catch (SQLException e) {
            LOG.warning(() -> name + ": " + (size - open.size()) + " of " + size + " connections could not be opened "
                    + "at start; the pool opens them on demand (" + e.getMessage() + ")");
        } finally {
            for (Connection connection : open) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.fine(() -> name + ": closing a connection opened at start: " + e.getMessage());
                }
            }
        }
        return open.size();
    }
}
