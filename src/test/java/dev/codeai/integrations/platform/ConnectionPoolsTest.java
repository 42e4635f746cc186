package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filling a pool holds all its connections open together, then gives every one back; on a real H2 pool. */
class ConnectionPoolsTest {

    @TempDir
    Path dir;

    private JdbcConnectionPool pool;

    @AfterEach
    void close() {
        pool.dispose();
    }

    @Test
    void opensEveryConnectionOfThePoolAtOnceAndReturnsThem() {
        pool = pool(8);

        assertThat(ConnectionPools.fill("test", pool, 8)).isEqualTo(8);
        assertThat(pool.getActiveConnections()).as("all returned").isZero();
    }

    @Test
    void holdsTheConnectionsTogetherSoASmallerPoolFillsOnlyToItsSize() {
        pool = pool(3);

        int opened = ConnectionPools.fill("test", pool, 5);

        assertThat(opened).as("five asked of a pool of three, each held until all were tried").isEqualTo(3);
        assertThat(pool.getActiveConnections()).isZero();
    }

    private JdbcConnectionPool pool(int size) {
        JdbcConnectionPool created = JdbcConnectionPool.create(
                "jdbc:h2:" + dir.resolve("db-" + UUID.randomUUID()).toAbsolutePath() + ";MODE=LEGACY", "sa", "");
        created.setMaxConnections(size);
        created.setLoginTimeout(1);
        return created;
    }
}
