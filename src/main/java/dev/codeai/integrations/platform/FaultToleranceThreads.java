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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives SmallRye Fault Tolerance (packaged in the WAR, Liberty's mpFaultTolerance is off) a thread pool
 * built on Liberty's managed thread factory, so timeouts, {@code @Asynchronous} calls and retry delays run
 * on threads that see {@code java:comp} and the application's class loader. SmallRye shuts it down with the
 * application. Every call of an operation runs on this pool, and a call waiting in its bulkhead's queue holds a
 * thread, so the pool may grow to a thread for every call all bulkheads admit and queue, plus SmallRye's own default
 * of 100 for timeouts, retry delays and rejections: then integrations that hang cannot make another one wait for a
 * thread. Unlike SmallRye's own pool, whose core size is its whole size (below it every task starts a thread of its
 * own, even with others idle: with every call on the pool, a thread per call, 355 threads at 10 calls/s in
 * bench/soak), it reuses an idle thread, starts one only when none is idle, and ends threads after a minute idle.
 * {@code io.smallrye.faulttolerance.mainThreadPoolSize}, {@code mainThreadPoolQueueSize} or
 * {@code globalThreadPoolSize}, when set, choose SmallRye's pool with those settings instead.
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
        if (mainThreadPoolSize.isPresent() || queueSize.isPresent() || globalSize.isPresent()) {
            return new DefaultAsyncExecutorProvider(mainThreadPoolSize, queueSize, globalSize) {
                @Override
                protected ThreadFactory threadFactory() {
                    return managedThreadFactory();
                }
            };
        }
        int size = SMALLRYE_DEFAULT_SIZE + catalog.all().stream().filter(DeployedPolicies::hasBulkhead)
                .mapToInt(i -> deployed.bulkheadConcurrency(i) + deployed.bulkheadQueue(i)).sum();
        ExecutorService pool = pool(size, managedThreadFactory());
        return () -> pool;
    }

    /**
     * Up to {@code size} threads, an idle one reused before another starts, none kept after a minute idle; a task
     * that finds all {@code size} busy is refused (the bulkheads keep their calls below that).
     */
    static ThreadPoolExecutor pool(int size, ThreadFactory threads) {
        return new ThreadPoolExecutor(0, size, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), threads);
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
