package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.Cases;
import fi.aspa.cases.OpenedCase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The routing outbox: a new case's row is routed once, by one worker of however many, survives a worker that crashes
 * before its commit, and a case that fails does not hold up the others. The node's own worker thread is paused; the
 * tests drive workers (the node's and a second one, as a second node would have) by hand.
 */
@AspaTest
class RoutingWorkerTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired JdbcClient db;
    @Autowired RoutingWorker worker;
    @Autowired CaseRouter router;
    @Autowired PlatformTransactionManager transactions;
    Fixtures.Org org;

    @BeforeEach
    void pause() {
        org = fixtures.organization();
        worker.pause();
    }

    @AfterEach
    void resume() {
        worker.afterClaim = ids -> {};
        worker.beforeRouting = id -> {};
        worker.beforeCommit = ids -> {};
        worker.resume();
    }

    List<UUID> open(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(fixtures.aCase(org, "Pysäköinti " + i, "Auto on pysäköity väärin kadulla " + i).id());
        return ids;
    }

    long decisions(UUID caseId) {
        return db.sql("select count(*) from routing_decision where case_id = ?").param(caseId).query(Long.class).single();
    }

    Set<UUID> pending() {
        return new HashSet<>(db.sql("select case_id from routing_pending where organization_id = ?").param(org.id().value())
                .query(UUID.class).list());
    }

    /** Routes until nothing of this organization is due. */
    void drain(RoutingWorker w) {
        for (int i = 0; i < 100 && w.routeBatch() > 0; i++) {
            // other organizations' leftovers may be routed too
        }
    }

    @Test
    void aNewCaseIsPendingUntilRoutedAndThenRoutedOnce() {
        List<UUID> ids = open(3);
        assertThat(pending()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ids).allMatch(id -> decisions(id) == 0);

        drain(worker);

        assertThat(pending()).isEmpty();
        assertThat(ids).allMatch(id -> decisions(id) == 1);
        drain(worker);
        assertThat(ids).as("nothing is routed twice").allMatch(id -> decisions(id) == 1);
    }

    @Test
    void aWorkerThatCrashesBeforeItsCommitLosesNothingAndTheNextRoutesOnce() {
        List<UUID> ids = open(4);
        worker.beforeCommit = done -> {
            if (!Collections.disjoint(done, ids)) throw new IllegalStateException("the node died before the commit");
        };
        // the batch fails, and so does the one-by-one retry at its commit: everything is rolled back
        assertThatThrownBy(() -> drain(worker)).hasMessageContaining("died");
        assertThat(pending()).as("the rows stay").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ids).as("no decision survived the rollback").allMatch(id -> decisions(id) == 0);
        assertThat(db.sql("select count(*) from routing_pending where organization_id = ? and attempts > 0")
                .param(org.id().value()).query(Long.class).single()).as("not counted against the cases").isZero();

        worker.beforeCommit = done -> {};
        RoutingWorker second = secondNode(50);
        drain(second);

        assertThat(pending()).isEmpty();
        assertThat(ids).allMatch(id -> decisions(id) == 1);
    }

    @Test
    void twoWorkersNeverRouteTheSameCase() throws Exception {
        List<UUID> ids = open(10);
        RoutingWorker first = secondNode(5);
        RoutingWorker second = secondNode(5);
        CountDownLatch bothClaimed = new CountDownLatch(2);
        List<UUID> claimedByFirst = Collections.synchronizedList(new ArrayList<>());
        List<UUID> claimedBySecond = Collections.synchronizedList(new ArrayList<>());
        first.afterClaim = claimed -> {
            claimedByFirst.addAll(claimed);
            bothClaimed.countDown();
            await(bothClaimed);
        };
        second.afterClaim = claimed -> {
            claimedBySecond.addAll(claimed);
            bothClaimed.countDown();
            await(bothClaimed);
        };
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            Future<Integer> a = two.submit(first::routeBatch);
            Future<Integer> b = two.submit(second::routeBatch);
            assertThat(a.get(60, TimeUnit.SECONDS)).isEqualTo(5);
            assertThat(b.get(60, TimeUnit.SECONDS)).isEqualTo(5);
        }
        assertThat(bothClaimed.getCount()).as("both held their claims at the same time").isZero();
        assertThat(claimedByFirst).as("skip locked: disjoint claims").doesNotContainAnyElementsOf(claimedBySecond);
        drain(first); // when another organization's leftovers were due as well
        assertThat(ids).allMatch(id -> decisions(id) == 1);
        assertThat(pending()).isEmpty();
    }

    @Test
    void aCaseThatFailsStaysPendingWithItsErrorAndDoesNotBlockTheOthers() {
        List<UUID> ids = open(5);
        UUID poison = ids.get(2);
        worker.beforeRouting = id -> {
            if (id.equals(poison)) throw new IllegalStateException("poison case");
        };

        drain(worker);

        assertThat(ids.stream().filter(id -> !id.equals(poison))).allMatch(id -> decisions(id) == 1);
        assertThat(decisions(poison)).isZero();
        assertThat(pending()).containsExactly(poison);
        Map<String, Object> row = db.sql("select attempts, last_error, next_attempt_at > now() as later from routing_pending where case_id = ?")
                .param(poison).query().singleRow();
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("poison case");
        assertThat(row.get("later")).as("tried again later, not in a loop").isEqualTo(true);

        // fixed, and due again (as after its delay): routed once
        worker.beforeRouting = id -> {};
        db.sql("update routing_pending set next_attempt_at = now() where case_id = ?").param(poison).update();
        drain(worker);
        assertThat(decisions(poison)).isEqualTo(1);
        assertThat(pending()).isEmpty();
        assertThat(ids).allMatch(id -> decisions(id) == 1);
    }

    @Test
    void theBatchReadGivesTheOrganizationsCasesOnly() {
        List<UUID> ids = open(3);
        Fixtures.Org other = fixtures.organization();
        OpenedCase elsewhere = fixtures.aCase(other, "Muualla", "Toisen organisaation asia.");
        List<UUID> asked = new ArrayList<>(ids);
        asked.add(elsewhere.id());
        asked.add(UUID.randomUUID());
        Set<UUID> read = cases.details(org.id(), asked).stream().map(d -> d.summary().id()).collect(Collectors.toSet());
        assertThat(read).containsExactlyInAnyOrderElementsOf(ids);
        for (CaseDetail d : cases.details(org.id(), ids)) {
            CaseDetail one = cases.detail(org.id(), d.summary().id()).orElseThrow();
            assertThat(d.messages()).isEqualTo(one.messages());
            assertThat(d.history()).isEqualTo(one.history());
            assertThat(d.summary()).isEqualTo(one.summary());
        }
    }

    RoutingWorker secondNode(int batchSize) {
        return new RoutingWorker(db, cases, router, transactions, batchSize, 60_000, 1, 0);
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("the other worker never claimed: blocked by our locks?");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
