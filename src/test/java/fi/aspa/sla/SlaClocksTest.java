package fi.aspa.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The clocks follow real case events (opening, reply, waiting, the customer's answer, resolution, reopening), and
 * the escalation job warns and escalates once: with two claimers at the same time and after a "restart".
 */
@AspaTest
class SlaClocksTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired ServiceLevels serviceLevels;
    @Autowired SlaStore store;
    @Autowired SlaEscalations escalations;
    @Autowired JdbcClient db;
    @Autowired MessageSource messages;
    @Autowired PlatformTransactionManager transactions;
    @Autowired Clock clock;
    @Autowired org.springframework.context.ApplicationEventPublisher events;
    Fixtures.Org org;

    @BeforeEach
    void organization() {
        org = fixtures.organization();
        // the organization default: first response in 4 business hours, resolution in 2 business days
        store.saveTarget(org.id(), new SlaTarget(null, null, null, 4 * 60, 16 * 60, 75, true), Instant.now());
    }

    void awaitListeners() {
        fixtures.awaitSettled(org);
    }

    Map<SlaClock.Kind, SlaClock> clocks(UUID caseId) {
        return serviceLevels.clocks(org.id(), caseId).stream().collect(Collectors.toMap(SlaClock::kind, c -> c));
    }

    List<String> systemNotes(UUID caseId) {
        CaseDetail detail = cases.detail(org.id(), caseId).orElseThrow();
        return detail.messages().stream().filter(m -> m.kind() == MessageKind.NOTE && m.authorStaffId() == null)
                .map(m -> m.body()).toList();
    }

    SlaStore.ClockRow row(UUID caseId, SlaClock.Kind kind) {
        return store.clocks(org.id(), caseId).stream().filter(r -> r.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void theClocksFollowTheCase() {
        OpenedCase opened = fixtures.aCase(org, "Katuvalo rikki", "Katuvalo ei pala.");
        awaitListeners();
        Instant createdAt = cases.summary(org.id(), opened.id()).orElseThrow().createdAt();
        BusinessCalendar calendar = serviceLevels.calendar(org.id());
        Map<SlaClock.Kind, SlaClock> clocks = clocks(opened.id());
        assertThat(clocks.get(SlaClock.Kind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(clocks.get(SlaClock.Kind.FIRST_RESPONSE).dueAt()).isEqualTo(calendar.plus(createdAt, Duration.ofHours(4)));
        assertThat(clocks.get(SlaClock.Kind.RESOLUTION).dueAt()).isEqualTo(calendar.plus(createdAt, Duration.ofHours(16)));
        assertThat(clocks.get(SlaClock.Kind.RESOLUTION).remaining()).isLessThanOrEqualTo(Duration.ofHours(16));

        // the agent answers and waits for the customer: the first response is met, resolution pauses
        cases.reply(org.id(), opened.id(), Actor.staff(org.agent().id()), "Tarvitsemme osoitteen.", CaseStatus.WAITING);
        awaitListeners();
        clocks = clocks(opened.id());
        assertThat(clocks.get(SlaClock.Kind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.STOPPED);
        assertThat(clocks.get(SlaClock.Kind.FIRST_RESPONSE).dueAt()).isNull();
        assertThat(clocks.get(SlaClock.Kind.RESOLUTION).state()).isEqualTo(SlaClock.State.PAUSED);
        assertThat(clocks.get(SlaClock.Kind.RESOLUTION).dueAt()).isNull();
        Duration remainingWhilePaused = clocks.get(SlaClock.Kind.RESOLUTION).remaining();
        assertThat(clocks(opened.id()).get(SlaClock.Kind.RESOLUTION).remaining()).isEqualTo(remainingWhilePaused);

        // the customer answers: resolution runs again
        cases.addCustomerMessage(org.id(), opened.id(), "Mannerheimintie 1.", Channel.WEB_FORM, List.of());
        awaitListeners();
        clocks = clocks(opened.id());
        assertThat(clocks.get(SlaClock.Kind.RESOLUTION).state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(clocks.get(SlaClock.Kind.RESOLUTION).dueAt()).isNotNull();
        assertThat(clocks.get(SlaClock.Kind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.STOPPED);

        // resolved: stopped; reopened: running again
        cases.changeStatus(org.id(), opened.id(), Actor.staff(org.agent().id()), CaseStatus.RESOLVED);
        awaitListeners();
        assertThat(clocks(opened.id()).get(SlaClock.Kind.RESOLUTION).state()).isEqualTo(SlaClock.State.STOPPED);
        cases.changeStatus(org.id(), opened.id(), Actor.staff(org.agent().id()), CaseStatus.OPEN);
        awaitListeners();
        assertThat(clocks(opened.id()).get(SlaClock.Kind.RESOLUTION).state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(clocks(opened.id()).get(SlaClock.Kind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.STOPPED);
    }

    @Test
    void aPriorityChangeSwitchesToThatPrioritysTarget() {
        store.saveTarget(org.id(), new SlaTarget(null, null, Priority.URGENT, 60, 8 * 60, 50, false), Instant.now());
        OpenedCase opened = fixtures.aCase(org, "Vesivahinko", "Kellarissa on vettä.");
        awaitListeners();
        assertThat(clocks(opened.id()).get(SlaClock.Kind.FIRST_RESPONSE).target()).isEqualTo(Duration.ofHours(4));
        cases.setPriority(org.id(), opened.id(), Actor.staff(org.agent().id()), Priority.URGENT);
        awaitListeners();
        assertThat(clocks(opened.id()).get(SlaClock.Kind.FIRST_RESPONSE).target()).isEqualTo(Duration.ofHours(1));
        assertThat(clocks(opened.id()).get(SlaClock.Kind.RESOLUTION).target()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void aMoreSpecificTargetWinsAndNoTargetMeansNoClock() {
        store.saveTarget(org.id(), new SlaTarget(null, null, Priority.URGENT, 60, 8 * 60, 50, false), Instant.now());
        assertThat(store.pick(org.id(), null, Priority.URGENT).orElseThrow().firstResponseMinutes()).isEqualTo(60);
        assertThat(store.pick(org.id(), null, Priority.NORMAL).orElseThrow().firstResponseMinutes()).isEqualTo(240);
        Fixtures.Org other = fixtures.organization();
        OpenedCase elsewhere = fixtures.aCase(other, "Ei tavoitetta", "Tässä organisaatiossa ei ole tavoitteita.");
        OpenedCase here = fixtures.aCase(org, "Tavoite", "Tässä on.");
        awaitListeners();
        fixtures.awaitSettled(other);
        assertThat(serviceLevels.clocks(other.id(), elsewhere.id())).isEmpty();
        // another organization cannot read this one's clocks
        assertThat(serviceLevels.clocks(other.id(), here.id())).isEmpty();
        assertThat(serviceLevels.clocks(org.id(), here.id())).hasSize(2);
    }

    @Test
    void warnsThenEscalatesOnceAndRaisesThePriority() {
        OpenedCase opened = fixtures.aCase(org, "Lupahakemus", "Milloin päätös tulee?");
        awaitListeners();
        SlaStore.ClockRow first = row(opened.id(), SlaClock.Kind.FIRST_RESPONSE);

        escalations.runDue(first.warnAt());
        escalations.runDue(first.warnAt());
        assertThat(systemNotes(opened.id())).hasSize(1).allMatch(n -> n.startsWith("Palvelutasovaroitus: Ensimmäinen vastaus"));
        assertThat(row(opened.id(), SlaClock.Kind.FIRST_RESPONSE).warnedAt()).isNotNull();
        assertThat(row(opened.id(), SlaClock.Kind.FIRST_RESPONSE).breachedAt()).isNull();

        escalations.runDue(first.dueAt());
        escalations.runDue(first.dueAt().plusSeconds(60));
        List<String> notes = systemNotes(opened.id());
        assertThat(notes).hasSize(2);
        assertThat(notes).filteredOn(n -> n.startsWith("Palvelutaso ylittyi: Ensimmäinen vastaus")).hasSize(1);
        assertThat(cases.summary(org.id(), opened.id()).orElseThrow().priority()).isEqualTo(Priority.HIGH);
        assertThat(clocks(opened.id()).get(SlaClock.Kind.FIRST_RESPONSE).breached()).isTrue();

        // the manager's list shows it as breached
        assertThat(store.alerts(org.id(), org.service().id(), 100)).extracting(SlaStore.Alert::caseId).contains(opened.id());
        assertThat(store.alerts(org.id(), org.building().id(), 100)).isEmpty();
    }

    @Test
    void twoClaimersAtOnceEscalateEachClockOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) ids.add(fixtures.aCase(org, "Asia " + i, "Viesti " + i).id());
        awaitListeners();
        Instant later = clock.instant().plus(Duration.ofDays(400));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> claimer = () -> {
                go.await();
                int total = 0;
                int n;
                while ((n = escalations.runDue(later)) > 0) total += n;
                return total;
            };
            Future<Integer> a = pool.submit(claimer);
            Future<Integer> b = pool.submit(claimer);
            go.countDown();
            a.get();
            b.get();
        } finally {
            pool.shutdown();
        }
        for (UUID id : ids) {
            List<String> notes = systemNotes(id);
            assertThat(notes).as("notes of %s", id).hasSize(2);
            assertThat(notes).filteredOn(n -> n.startsWith("Palvelutaso ylittyi: Ensimmäinen vastaus")).hasSize(1);
            assertThat(notes).filteredOn(n -> n.startsWith("Palvelutaso ylittyi: Ratkaisu")).hasSize(1);
            // raised once per breach: NORMAL -> HIGH -> URGENT
            assertThat(cases.summary(org.id(), id).orElseThrow().priority()).isEqualTo(Priority.URGENT);
        }
        assertThat(escalations.runDue(later)).isZero();
    }

    @Test
    void dueClocksAreEscalatedByAJobStartedAfterARestart() {
        OpenedCase opened = fixtures.aCase(org, "Ennen uudelleenkäynnistystä", "Viesti.");
        awaitListeners();
        Instant due = row(opened.id(), SlaClock.Kind.RESOLUTION).dueAt();
        // a new node (or the same one after a restart) with nothing in memory: the due rows are in PostgreSQL
        SlaEscalations afterRestart = new SlaEscalations(store, cases, messages, transactions, clock, events, true);
        afterRestart.runDue(due);
        assertThat(row(opened.id(), SlaClock.Kind.RESOLUTION).breachedAt()).isNotNull();
        assertThat(systemNotes(opened.id())).filteredOn(n -> n.startsWith("Palvelutaso ylittyi: Ratkaisu")).hasSize(1);
        escalations.runDue(due);
        assertThat(systemNotes(opened.id())).filteredOn(n -> n.startsWith("Palvelutaso ylittyi")).hasSize(2);
    }
}
