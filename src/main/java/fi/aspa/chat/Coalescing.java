package fi.aspa.chat;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task on request, at most one run at a time, and once more after a run if requests came in during it:
 * a burst of signals for one chat becomes one or two database reads, never a pile of them, and never a missed one.
 */
final class Coalescing {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int AGAIN = 2;
    private final AtomicInteger state = new AtomicInteger(IDLE);

    void request(Executor executor, Runnable task) {
        int before = state.getAndUpdate(s -> s == IDLE ? RUNNING : AGAIN);
        if (before == IDLE) executor.execute(() -> run(task));
    }

    private void run(Runnable task) {
        do {
            state.set(RUNNING);
            try {
                task.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Coalescing.class).warn("Chat delivery failed", e);
            }
        } while (!state.compareAndSet(RUNNING, IDLE));
    }
}
