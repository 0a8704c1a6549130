package fi.aspa.routing;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import fi.aspa.sla.BusinessCalendar;
import fi.aspa.sla.ServiceLevels;
import fi.aspa.sla.SlaClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The routing worker's batch path: a batch's cases get the same decisions, moves, service-level clocks and events as
 * the same cases routed one per batch; a failing case of a batch gets neither decision nor clocks and does not hold
 * up the others; and a batch never waits for a case that a transaction of email replies holds (the deadlock of the
 * email benchmark: the batch holding one case and waiting for another, the replies the other way round).
 */
@AspaTest
@RecordApplicationEvents
class RoutingBatchTest {
    static final List<String> TEXTS = List.of(
            "Liikennemerkki on kaatunut risteyksessä",
            "Seinään on töhritty graffiti ja tussilla kirjoitettu",
            "Katuvalo ei pala kotikadullani illalla",
            "Qwerty zxcv lorem ipsum");

    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired ServiceLevels serviceLevels;
    @Autowired JdbcClient db;
    @Autowired RoutingWorker worker;
    @Autowired CaseRouter router;
    @Autowired PlatformTransactionManager transactions;
    @Autowired ApplicationEvents events;
    @Autowired Routing routing;
    Fixtures.Org org;

    @BeforeEach
    void organization() {
        org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        // the organization default: first response in 4 business hours, resolution in 16
        db.sql("""
                insert into sla_target (id, organization_id, service_id, priority, first_response_minutes, resolution_minutes,
                    warn_percent, raise_priority, created_at) values (?, ?, null, null, 240, 960, 75, false, now())""")
                .params(UUID.randomUUID(), org.id().value()).update();
        worker.pause();
    }

    @AfterEach
    void resume() {
        worker.resume();
    }

    /** A resident's case without a unit: the classifier may move it. */
    UUID open(String text) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        return cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, text, text + ".", Language.FI, null, null, null,
                Set.of(), List.of(), Actor.customer())).id();
    }

    Set<UUID> pending() {
        return new HashSet<>(db.sql("select case_id from routing_pending where organization_id = ?").param(org.id().value())
                .query(UUID.class).list());
    }

    void due(List<UUID> ids, boolean now) {
        db.sql("update routing_pending set next_attempt_at = now() + cast(? as interval) where case_id = any(?)")
                .params(now ? "-1 second" : "1 hour", ids.toArray(UUID[]::new)).update();
    }

    RoutingWorker worker(int batchSize) {
        return new RoutingWorker(db, cases, router, transactions, batchSize, 60_000, 1, 0);
    }

    RoutingDecision decision(UUID caseId) {
        List<RoutingDecision> all = routingDecisions(caseId);
        assertThat(all).as("one decision for " + caseId).hasSize(1);
        return all.getFirst();
    }

    List<RoutingDecision> routingDecisions(UUID caseId) {
        return routing.decisions(org.id(), caseId);
    }

    @Test
    void aBatchRoutesItsCasesAsOneByOne() {
        List<UUID> single = new ArrayList<>();
        List<UUID> batch = new ArrayList<>();
        for (String text : TEXTS) single.add(open(text));
        for (String text : TEXTS) batch.add(open(text));
        due(batch, false);
        RoutingWorker one = worker(1);
        for (int i = 0; i < 100 && !pending().isEmpty() && pending().stream().anyMatch(single::contains); i++) one.routeBatch();
        assertThat(pending()).as("the one-by-one cases are routed, the batch's wait").containsExactlyInAnyOrderElementsOf(batch);
        long batchesOfOneBefore = events.stream(CasesRouted.class).filter(e -> e.organizationId().equals(org.id())).count();
        assertThat(batchesOfOneBefore).isEqualTo(single.size());

        due(batch, true);
        worker(500).routeBatch();
        assertThat(pending()).isEmpty();

        List<CasesRouted> batches = events.stream(CasesRouted.class).filter(e -> e.organizationId().equals(org.id())).toList();
        assertThat(batches).hasSize(single.size() + 1);
        assertThat(batches.getLast().caseIds()).containsExactlyInAnyOrderElementsOf(batch);
        Map<UUID, Long> routedEvents = events.stream(CaseRouted.class).filter(e -> e.organizationId().equals(org.id()))
                .collect(Collectors.groupingBy(CaseRouted::caseId, Collectors.counting()));
        assertThat(routedEvents).hasSize(single.size() + batch.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));

        BusinessCalendar calendar = serviceLevels.calendar(org.id());
        Set<RoutingDecision.Outcome> outcomes = new HashSet<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            RoutingDecision a = decision(single.get(i));
            RoutingDecision b = decision(batch.get(i));
            outcomes.add(b.outcome());
            assertThat(b.outcome()).isEqualTo(a.outcome());
            assertThat(b.serviceId()).isEqualTo(a.serviceId());
            assertThat(b.unitId()).isEqualTo(a.unitId());
            assertThat(b.confidence()).isEqualTo(a.confidence());
            assertThat(b.reason()).isEqualTo(a.reason());
            assertThat(b.structuredReason()).isEqualTo(a.structuredReason()).isNotNull();
            assertThat(b.alternatives()).isEqualTo(a.alternatives());
            assertThat(b.model()).isEqualTo(a.model());
            CaseRouted event = events.stream(CaseRouted.class).filter(e -> e.caseId().equals(b.caseId())).findFirst().orElseThrow();
            assertThat(event).isEqualTo(ServiceRouter.routed(b, false));
            CaseSummary sa = cases.summary(org.id(), a.caseId()).orElseThrow();
            CaseSummary sb = cases.summary(org.id(), b.caseId()).orElseThrow();
            assertThat(sb.unitId()).isEqualTo(sa.unitId());
            for (UUID id : List.of(a.caseId(), b.caseId())) {
                CaseSummary s = cases.summary(org.id(), id).orElseThrow();
                Map<SlaClock.Kind, SlaClock> clocks = serviceLevels.clocks(org.id(), id).stream()
                        .collect(Collectors.toMap(SlaClock::kind, c -> c));
                assertThat(clocks).as("clocks of " + id).hasSize(2);
                assertThat(clocks.get(SlaClock.Kind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.RUNNING);
                assertThat(clocks.get(SlaClock.Kind.FIRST_RESPONSE).dueAt()).isEqualTo(calendar.plus(s.createdAt(), Duration.ofHours(4)));
                assertThat(clocks.get(SlaClock.Kind.RESOLUTION).dueAt()).isEqualTo(calendar.plus(s.createdAt(), Duration.ofHours(16)));
            }
            assertThat(db.sql("select service_id from sla_case where case_id = ?").param(b.caseId()).query(UUID.class).optional())
                    .isEqualTo(db.sql("select service_id from sla_case where case_id = ?").param(a.caseId()).query(UUID.class).optional());
        }
        assertThat(outcomes).as("the texts cover a move and triage").contains(RoutingDecision.Outcome.ROUTED, RoutingDecision.Outcome.TRIAGE);
    }

    @Test
    void aFailingCaseOfABatchGetsNoDecisionNorClocksAndTheOthersAreRouted() {
        List<UUID> ids = new ArrayList<>();
        for (String text : TEXTS) ids.add(open(text));
        UUID poison = ids.get(1);
        RoutingWorker batch = worker(500);
        batch.beforeRouting = id -> {
            if (id.equals(poison)) throw new IllegalStateException("poison case");
        };
        batch.routeBatch();

        assertThat(pending()).containsExactly(poison);
        assertThat(routingDecisions(poison)).isEmpty();
        assertThat(db.sql("select count(*) from sla_case where case_id = ?").param(poison).query(Long.class).single()).isZero();
        assertThat(serviceLevels.clocks(org.id(), poison)).isEmpty();
        for (UUID id : ids) {
            if (id.equals(poison)) continue;
            assertThat(routingDecisions(id)).hasSize(1);
            assertThat(serviceLevels.clocks(org.id(), id)).hasSize(2);
        }
        assertThat(events.stream(CasesRouted.class).filter(e -> e.organizationId().equals(org.id())))
                .as("retried case by case after the batch failed: each case its own batch")
                .allSatisfy(e -> assertThat(e.caseIds()).hasSize(1).doesNotContain(poison));
    }

    /**
     * A transaction of email replies holds case B and then wants case A; the batch (A and B) must not hold A while it
     * waits for B. Before the batch locked its cases up front without waiting, it took A (deciding and moving it) and
     * then waited for B: PostgreSQL found the cycle and killed one of the two. Now it routes A, leaves B pending for its
     * next run, and both commit.
     */
    @Test
    void aBatchDoesNotWaitForACaseThatATransactionOfRepliesHolds() throws Exception {
        UUID a = open(TEXTS.get(0));
        UUID b = open(TEXTS.get(1));
        CountDownLatch holdsB = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CompletableFuture<Void> replies = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            cases.addCustomerMessage(org.id(), b, "Lisätietoa: risteys on Mannerheimintiellä.", Channel.EMAIL, List.of());
            holdsB.countDown();
            await(go);
            cases.addCustomerMessage(org.id(), a, "Lisätietoa: merkki on kaatunut tielle.", Channel.EMAIL, List.of());
        }));
        await(holdsB);
        RoutingWorker batch = worker(500);
        batch.beforeRouting = id -> {
            if (id.equals(b)) go.countDown(); // the old order: A held, the replies now wait for it, and the batch for B
        };
        batch.routeBatch();
        go.countDown();
        replies.get(60, TimeUnit.SECONDS);

        assertThat(pending()).as("B was busy: left for the next run").containsExactly(b);
        assertThat(routingDecisions(a)).hasSize(1);
        assertThat(routingDecisions(b)).isEmpty();
        assertThat(cases.detail(org.id(), a).orElseThrow().messages()).hasSize(2);
        assertThat(cases.detail(org.id(), b).orElseThrow().messages()).hasSize(2);

        worker(500).routeBatch();
        assertThat(pending()).isEmpty();
        assertThat(routingDecisions(b)).hasSize(1);
        assertThat(serviceLevels.clocks(org.id(), b)).hasSize(2);
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("the other transaction never got there");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
