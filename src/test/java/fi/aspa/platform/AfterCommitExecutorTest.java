package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;

/** Listeners after commit run on a bounded pool, never a thread per event (which starved requests of connections). */
@AspaTest
class AfterCommitExecutorTest {

    @Autowired
    @Qualifier("applicationTaskExecutor")
    TaskExecutor executor;

    @Test
    void atMostFourListenersRunAtOnceAndTheRestWait() throws Exception {
        int tasks = 40;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            executor.execute(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                assertThat(Thread.currentThread().getName()).startsWith("aspa-after-commit-");
                done.countDown();
            });
        }
        assertThat(done.await(2, TimeUnit.MINUTES)).isTrue();
        assertThat(most.get()).isBetween(1, 4);
    }
}
