package dev.codeai.integrations.platform;

import dev.codeai.integrations.integration.Catalog;
import dev.codeai.integrations.integration.DeployedPolicies;
import io.smallrye.faulttolerance.AsyncExecutorProvider;
import io.smallrye.faulttolerance.DefaultAsyncExecutorProvider;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.OptionalInt;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives SmallRye Fault Tolerance (packaged in the WAR, Liberty's mpFaultTolerance is off) a thread pool
 * built on Liberty's managed thread factory, so timeouts, {@code @Asynchronous} calls and retry delays run
 * on threads that see {@code java:comp} and the application's class loader. SmallRye shuts it down with the
 * application. Every call of an operation runs on this pool, and a call waiting in its bulkhead's queue holds a
 * thread, so unless {@code io.smallrye.faulttolerance.mainThreadPoolSize} (or {@code globalThreadPoolSize}) says
 * otherwise the pool has a thread for every call all bulkheads admit and queue, plus SmallRye's own default of 100
 * for timeouts, retry delays and rejections: then integrations that hang cannot make another one wait for a
 * thread. Threads start only when needed and end after a minute idle.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class FaultToleranceThreads {
    private static final String MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";
    /** SmallRye's own default pool size, kept for its work outside the bulkheads. */
    static final int SMALLRYE_DEFAULT_SIZE = 100;

    @Produces
    @Singleton
    AsyncExecutorProvider managedAsyncExecutorProvider(
            @ConfigProperty(name = "io.smallrye.faulttolerance.mainThreadPoolSize") OptionalInt mainThreadPoolSize,
            @ConfigProperty(name = "io.smallrye.faulttolerance.mainThreadPoolQueueSize") OptionalInt queueSize,
            @ConfigProperty(name = "io.smallrye.faulttolerance.globalThreadPoolSize") OptionalInt globalSize,
            Catalog catalog, DeployedPolicies deployed) {
        OptionalInt size = mainThreadPoolSize.isPresent() || globalSize.isPresent() ? mainThreadPoolSize
                : OptionalInt.of(SMALLRYE_DEFAULT_SIZE + catalog.all().stream()
                        .mapToInt(i -> deployed.bulkheadConcurrency(i) + deployed.bulkheadQueue(i)).sum());
        return new DefaultAsyncExecutorProvider(size, queueSize, globalSize) {
            @Override
            protected ThreadFactory threadFactory() {
                return managedThreadFactory();
            }
        };
    }

    private static ThreadFactory managedThreadFactory() {
        try {
            return InitialContext.doLookup(MANAGED_THREAD_FACTORY);
        } catch (NamingException e) {
            throw new IllegalStateException("Fault tolerance needs " + MANAGED_THREAD_FACTORY
                    + " (feature concurrent-3.0): " + e.getMessage(), e);
        }
    }
}
