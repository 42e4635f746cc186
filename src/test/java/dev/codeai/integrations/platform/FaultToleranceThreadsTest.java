package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fault-tolerance pool: idle threads are reused, new ones start only when none is idle, up to its size. */
class FaultToleranceThreadsTest {

    @Test
    void callsOneAfterAnotherReuseOneThread() throws Exception {
        ThreadPoolExecutor pool = FaultToleranceThreads.pool(50, Executors.defaultThreadFactory());
        try {
            for (int i = 0; i < 30; i++) {
                pool.submit(() -> { }).get(5, TimeUnit.SECONDS);
                // a finished task's thread is idle again before the next one comes, as between sequential calls
                waitUntilIdle(pool);
            }
            // SmallRye's own pool of this size starts 30: each task below the core size gets a new thread. Here an idle
            // thread takes the next task; one more may start when a task comes in the instant between a thread's end
            // of its task and its wait for the next.
            assertThat(pool.getLargestPoolSize()).as("threads ever started for 30 sequential calls").isBetween(1, 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCallsGetAThreadEachUpToTheSizeAndNoMore() throws Exception {
        ThreadPoolExecutor pool = FaultToleranceThreads.pool(8, Executors.defaultThreadFactory());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(8);
        try {
            for (int i = 0; i < 8; i++) {
                pool.execute(() -> {
                    running.countDown();
                    awaitQuietly(release);
                });
            }
            assertThat(running.await(5, TimeUnit.SECONDS)).as("8 calls run at once on 8 threads").isTrue();
            assertThat(pool.getPoolSize()).isEqualTo(8);
            assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void waitUntilIdle(ThreadPoolExecutor pool) throws Exception {
        dev.codeai.integrations.integration.Poll.until(Duration.ofSeconds(5), pool::getActiveCount, active -> active == 0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
