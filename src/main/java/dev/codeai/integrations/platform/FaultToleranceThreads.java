package dev.codeai.integrations.platform;

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
 * on threads that see {@code java:comp} and the application's class loader. SmallRye keeps the pool's
 * size settings ({@code io.smallrye.faulttolerance.mainThreadPoolSize}) and shuts it down with the application.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class FaultToleranceThreads {
    private static final String MANAGED_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    @Produces
    @Singleton
    AsyncExecutorProvider managedAsyncExecutorProvider(
            @ConfigProperty(name = "io.smallrye.faulttolerance.mainThreadPoolSize") OptionalInt mainThreadPoolSize,
            @ConfigProperty(name = "io.smallrye.faulttolerance.mainThreadPoolQueueSize") OptionalInt queueSize,
            @ConfigProperty(name = "io.smallrye.faulttolerance.globalThreadPoolSize") OptionalInt globalSize) {
        return new DefaultAsyncExecutorProvider(mainThreadPoolSize, queueSize, globalSize) {
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
