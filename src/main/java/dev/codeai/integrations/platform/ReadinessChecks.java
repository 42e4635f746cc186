package dev.codeai.integrations.platform;

import dev.codeai.integrations.integration.Catalog;
import dev.codeai.integrations.integration.SharedRedis;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * {@code /health/ready}: the integrations file is loaded and the database answers; with {@code REDIS_URL} the
 * {@code redis} check reports whether Redis answers without making the instance unready (see {@link #redis()}), as
 * does the gauge {@code codeai_redis_reachable}. {@code /health/live}: the application is running. Checks never show
 * secrets: the Redis URL may carry a password, so only its host and port are reported.
 */
@ApplicationScoped
public class ReadinessChecks {

    private static final int PROBE_TIMEOUT_MILLIS = 2000;
    private static final String SHARED = "response cache and rate limits shared by every instance";
    private static final String UNSHARED = "calls go upstream without the response cache, rate limits per instance, "
            + "until Redis answers again";
    private static final Metadata REACHABLE = Metadata.builder().withName("codeai_redis_reachable")
            .withDescription("Whether the shared Redis (REDIS_URL) answers: 1 yes, 0 no").build();

    @Inject
    Catalog catalog;

    @Resource(lookup = "jdbc/codeai")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "REDIS_URL")
    Optional<String> redisUrl;

    @Inject
    MetricRegistry registry;

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

    /**
     * Up whenever {@code REDIS_URL} is valid, reachable or not: without Redis every instance still serves calls (they
     * go upstream without the response cache, rate limits per instance), so an outage of the shared Redis must not
     * take every instance out of its load balancer at once. Its data say whether Redis answers and what that means.
     */
    @Produces
    @Readiness
    HealthCheck redis() {
        return () -> {
            if (redisUrl.filter(u -> !u.isBlank()).isEmpty()) {
                return HealthCheckResponse.named("redis").up().withData("mode", "in-process cache").build();
            }
            Optional<URI> uri = redisUri();
            if (uri.isEmpty()) {
                return HealthCheckResponse.named("redis").down()
                        .withData("error", "REDIS_URL is not a redis:// or rediss:// URL").build();
            }
            String where = uri.get().getHost() + ":" + (uri.get().getPort() < 0 ? 6379 : uri.get().getPort());
            boolean reachable = SharedRedis.answers(uri.get());
            return HealthCheckResponse.named("redis").up().withData("server", where).withData("reachable", reachable)
                    .withData("mode", reachable ? SHARED : UNSHARED).build();
        };
    }

    /** {@code codeai_redis_reachable}, read when the metrics are: 1 while Redis answers, 0 while it does not. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        redisUri().ifPresent(uri -> registry.gauge(REACHABLE, () -> SharedRedis.answers(uri) ? 1 : 0));
    }

    private Optional<URI> redisUri() {
        try {
            return redisUrl.filter(u -> !u.isBlank()).map(URI::create).filter(JedisURIHelper::isValid);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
