package dev.codeai.integrations.platform;

import dev.codeai.integrations.integration.Catalog;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/**
 * {@code /health/ready}: the integrations file is loaded, the database answers and, when {@code REDIS_URL}
 * is set, Redis answers. {@code /health/live}: the application is running. Checks never show secrets: the
 * Redis URL may carry a password, so only its host and port are reported.
 */
@ApplicationScoped
public class ReadinessChecks {

    private static final int PROBE_TIMEOUT_MILLIS = 2000;

    @Inject
    Catalog catalog;

    @Resource(lookup = "jdbc/codeai")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "REDIS_URL")
    Optional<String> redisUrl;

    @Produces
    @Liveness
    HealthCheck running() {
        return () -> HealthCheckResponse.up("application");
    }

    @Produces
    @Readiness
    HealthCheck integrationsLoaded() {
        return () -> HealthCheckResponse.named("integrations").status(catalog.spec() != null)
                .withData("count", catalog.all().size()).build();
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection connection = dataSource.getConnection()) {
                return HealthCheckResponse.named("database").status(connection.isValid(PROBE_TIMEOUT_MILLIS / 1000))
                        .withData("product", connection.getMetaData().getDatabaseProductName()).build();
            } catch (SQLException e) {
                return HealthCheckResponse.named("database").down().withData("error", "no connection").build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck redis() {
        return () -> {
            if (redisUrl.filter(u -> !u.isBlank()).isEmpty()) {
                return HealthCheckResponse.named("redis").up().withData("mode", "in-process cache").build();
            }
            URI uri;
            try {
                uri = URI.create(redisUrl.get());
            } catch (IllegalArgumentException e) {
                return HealthCheckResponse.named("redis").down().withData("error", "REDIS_URL is not a URL").build();
            }
            String where = uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
            try (Jedis jedis = new Jedis(uri, DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(PROBE_TIMEOUT_MILLIS).socketTimeoutMillis(PROBE_TIMEOUT_MILLIS).build())) {
                return HealthCheckResponse.named("redis").status("PONG".equals(jedis.ping())).withData("server", where)
                        .build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("redis").down().withData("server", where)
                        .withData("error", "no answer").build();
            }
        };
    }
}
