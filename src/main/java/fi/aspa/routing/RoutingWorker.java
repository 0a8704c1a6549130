package fi.aspa.routing;

import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.Cases;
import fi.aspa.platform.AfterCommit;
import fi.aspa.platform.OrganizationId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routes new cases in batches: the outbox of the intake path, specialised for this one hot path instead of an event
 * publication (a row, a transaction and a completion) per case and listener.
 *
 * <ul>
 *   <li>The case's own transaction writes a {@code routing_pending} row ({@link #on(CaseOpened)}, a plain listener in
 *       that transaction: no case without its row, no row without its case) and, after commit, nudges this node's
 *       worker threads ({@code aspa.routing.worker.threads}, 2: one routes while the other waits for the database).</li>
 *   <li>The worker claims up to {@code aspa.routing.worker.batch-size} due rows with {@code FOR UPDATE SKIP LOCKED} (a
 *       second worker or node skips them: a case is routed once), locks their cases up front in id order without
 *       waiting ({@link Cases#lockAvailable}: a case another transaction holds, such as a group of email replies,
 *       stays pending for the next run, so the batch never waits for a case while it holds others: no deadlock),
 *       reads them with one batch read, routes them all ({@link CaseRouter}: the decision, the move; then the batch's
 *       decisions with one statement, {@link CaseRouted} per case to its synchronous listeners: assignment, the
 *       assistant's service note, the clocks, which do their work for the whole batch at {@link CasesRouted}) and
 *       deletes the rows, in ONE transaction. A crash before the commit
 *       leaves the rows as they were; the next run (a nudge, or the sweep every {@code aspa.routing.worker.sweep-ms}
 *       and at start-up, on any node) routes them.</li>
 *   <li>When a batch fails, it is rolled back and retried case by case, each in a savepoint: the good cases are
 *       routed (each case its own {@link CasesRouted}); a failing case stays pending with its attempts, the error and
 *       a growing delay (2^attempts seconds, at most an hour), and is logged. It never blocks the others.</li>
 *   <li>A thread woken by a nudge first waits {@code aspa.routing.worker.gather-ms} (50 ms) for more cases to join the
 *       batch, then polls only when work was committed after the latest claim began (a claim sees
 *       every row committed before it began); the sweep always polls.</li>
 * </ul>
 */
@Component
class RoutingWorker implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RoutingWorker.class);
    static final Duration MAX_DELAY = Duration.ofHours(1);

    private final JdbcClient db;
    private final Cases cases;
    private final CaseRouter router;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final int batchSize;
    private final long sweepMs;
    private final long gatherMs;
    private final Semaphore nudges = new Semaphore(0);
    /** Held (shared) by each worker thread while it routes; {@link #pause} takes it exclusively. */
    private final ReentrantReadWriteLock busy = new ReentrantReadWriteLock();
    private final int threads;
    private volatile boolean running;
    private volatile boolean paused;
    private final List<Thread> workers = new ArrayList<>();

    /** Test seams: after the claim, before each case is routed, before the commit. */
    volatile Consumer<List<UUID>> afterClaim = ids -> {};
    volatile Consumer<UUID> beforeRouting = id -> {};
    volatile Consumer<List<UUID>> beforeCommit = ids -> {};

    RoutingWorker(JdbcClient db, Cases cases, CaseRouter router, PlatformTransactionManager transactions,
                  @Value("${aspa.routing.worker.batch-size:200}") int batchSize,
                  @Value("${aspa.routing.worker.sweep-ms:2000}") long sweepMs,
                  @Value("${aspa.routing.worker.threads:2}") int threads,
                  @Value("${aspa.routing.worker.gather-ms:50}") long gatherMs) {
        this.db = db;
        this.cases = cases;
        this.router = router;
        this.tx = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.batchSize = batchSize;
        this.sweepMs = sweepMs;
        this.threads = Math.max(1, threads);
        this.gatherMs = Math.max(0, gatherMs);
    }

    /** In the case's own transaction: the case is pending routing; this node's worker is nudged after commit. */
    @EventListener
    void on(CaseOpened event) {
        db.sql("""
                insert into routing_pending (case_id, organization_id, created_at, next_attempt_at) values (?, ?, now(), now())
                on conflict (case_id) do nothing""")
                .params(event.caseId(), event.organizationId().value()).update();
        AfterCommit.run(this::nudge);
    }

    /**
     * When this node last committed new work (a nudge, after the commit) and when a claim last began: a thread woken
     * for work committed before a claim began (which therefore saw it) does not poll for nothing.
     */
    private final AtomicLong lastNudge = new AtomicLong(System.nanoTime());
    private final AtomicLong lastClaim = new AtomicLong(Long.MIN_VALUE);

    void nudge() {
        lastNudge.accumulateAndGet(System.nanoTime(), Math::max);
        if (nudges.availablePermits() < threads) nudges.release();
    }

    // ------------------------------------------------------------------ the worker thread

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < threads; i++) workers.add(Thread.ofPlatform().name("routing-worker-" + i).daemon().start(this::loop));
    }

    @Override
    public void stop() {
        running = false;
        nudges.release(threads);
        try {
            for (Thread t : workers) t.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        boolean sweep = true;
        while (running) {
            busy.readLock().lock();
            try {
                // The sweep always polls (another node's cases, retries that came due); a nudge only when work was
                // committed after the latest claim began: a claim sees every row committed before it began.
                if (!paused && (sweep || lastNudge.get() >= lastClaim.get())) {
                    while (running && !paused && routeBatch() >= batchSize) {
                        nudge(); // a full batch: there may be more, for another thread too
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Routing new cases failed; trying again in {} ms", sweepMs, e);
            } finally {
                busy.readLock().unlock();
            }
            try {
                sweep = !nudges.tryAcquire(sweepMs, TimeUnit.MILLISECONDS);
                // Gather: the cases that arrive meanwhile join this batch. A batch costs about a dozen statements
                // whatever its size, so under load a short wait makes routing cheaper per case (6 cases a batch at
                // 800 contacts/s without it, 14 with 20 ms; 50 ms measured 3-5 % more contacts/s again). A case is
                // routed at most this much later, and nobody waits for that.
                if (!sweep && gatherMs > 0 && running) Thread.sleep(gatherMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Tests: stops the thread from claiming (waits for a batch in progress to finish); {@link #resume} undoes it. */
    void pause() {
        paused = true;
        busy.writeLock().lock();
        busy.writeLock().unlock();
    }

    void resume() {
        paused = false;
        nudge();
    }

    // ------------------------------------------------------------------ one batch

    private record Pending(UUID caseId, OrganizationId organization, int attempts) {}

    /** Claims and routes one batch of due cases; returns how many were claimed (0: nothing is due). */
    int routeBatch() {
        try {
            Integer claimed = tx.execute(s -> routeClaimed(false));
            return claimed == null ? 0 : claimed;
        } catch (RuntimeException e) {
            log.info("Routing a batch of new cases failed ({}); routing them one by one", e.toString());
            Integer claimed = tx.execute(s -> routeClaimed(true));
            return claimed == null ? 0 : claimed;
        }
    }

    private int routeClaimed(boolean oneByOne) {
        lastClaim.accumulateAndGet(System.nanoTime(), Math::max);
        List<Pending> claimed = db.sql("""
                        select case_id, organization_id, attempts from routing_pending where next_attempt_at <= clock_timestamp()
                        order by next_attempt_at limit ? for update skip locked""")
                .param(batchSize)
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), new OrganizationId(rs.getObject(2, UUID.class)), rs.getInt(3)))
                .list();
        if (claimed.isEmpty()) return 0;
        afterClaim.accept(claimed.stream().map(Pending::caseId).toList());
        Map<OrganizationId, List<Pending>> byOrganization = new LinkedHashMap<>();
        claimed.forEach(p -> byOrganization.computeIfAbsent(p.organization(), k -> new ArrayList<>()).add(p));
        List<UUID> done = new ArrayList<>(claimed.size());
        for (Map.Entry<OrganizationId, List<Pending>> entry : byOrganization.entrySet()) {
            OrganizationId org = entry.getKey();
            List<Pending> pending = entry.getValue();
            List<UUID> ids = pending.stream().map(Pending::caseId).toList();
            // All the batch's cases locked first, in id order, without waiting: a case that another transaction holds
            // (a group of email replies to it) stays pending for the next run instead of a wait that could deadlock.
            Set<UUID> locked = cases.lockAvailable(org, ids);
            Map<UUID, CaseDetail> details = new LinkedHashMap<>();
            cases.details(org, ids).forEach(d -> details.put(d.summary().id(), d));
            CaseRouter.Context context;
            if (!oneByOne) {
                context = router.context(org);
            } else {
                try {
                    context = savepoint.execute(s -> router.context(org));
                } catch (RuntimeException e) {
                    pending.forEach(p -> failed(p, e));
                    continue;
                }
            }
            List<RoutingDecision> decisions = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                CaseDetail detail = details.get(p.caseId());
                if (detail == null) {
                    done.add(p.caseId()); // the case is gone: nothing to route
                } else if (!locked.contains(p.caseId())) {
                    log.debug("Case {} is busy in another transaction; routing it in the next run", p.caseId());
                } else if (!oneByOne) {
                    beforeRouting.accept(p.caseId());
                    decisions.add(router.route(context, detail));
                    done.add(p.caseId());
                } else {
                    try {
                        savepoint.executeWithoutResult(s -> {
                            beforeRouting.accept(p.caseId());
                            router.finish(org, List.of(router.route(context, detail)));
                        });
                        done.add(p.caseId());
                    } catch (RuntimeException e) {
                        failed(p, e);
                    }
                }
            }
            if (!oneByOne) router.finish(org, decisions);
        }
        if (!done.isEmpty()) {
            db.sql("delete from routing_pending where case_id = any(?)").param(done.toArray(UUID[]::new)).update();
        }
        beforeCommit.accept(done);
        return claimed.size();
    }

    private void failed(Pending p, RuntimeException e) {
        int attempts = p.attempts() + 1;
        long delay = Math.min(MAX_DELAY.toSeconds(), 1L << Math.min(attempts, 20));
        log.warn("Routing case {} of {} failed (attempt {}); it stays pending and is tried again in {} s",
                p.caseId(), p.organization(), attempts, delay, e);
        db.sql("""
                update routing_pending set attempts = ?, last_error = left(?, 2000),
                    next_attempt_at = clock_timestamp() + make_interval(secs => ?) where case_id = ?""")
                .params(attempts, String.valueOf(e), delay, p.caseId()).update();
    }
}
