package fi.aspa.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.HistoricalCase;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.ServiceDraft;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.FinnishHolidays;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.routing.CaseRouted;
import fi.aspa.routing.Routing;
import fi.aspa.routing.RoutingDecision;
import fi.aspa.routing.RoutingFeedback;
import fi.aspa.cases.CaseEventEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who gets a routed case: expertise, language, working hours and absences, load, turns among equals (with the time
 * given to the assigner), nobody fitting, automatic assignment off, and the whole path from a {@code CaseRouted} event.
 */
@AspaTest
class AssignmentTest {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    /** A Tuesday that is no holiday, at 10:00 in Helsinki. */
    static final Instant TUESDAY_10 = LocalDateTime.of(2026, 3, 10, 10, 0).atZone(HELSINKI).toInstant();

    @Autowired Fixtures fixtures;
    @Autowired Assigner assigner;
    @Autowired StaffingStore store;
    @Autowired Staff staff;
    @Autowired Catalogue catalogue;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired Routing routing;

    Fixtures.Org org;
    UUID parking;
    UUID unit;

    @Autowired AssignmentListener listener;

    @BeforeEach
    void setUp() {
        // these tests assign at instants of their own: routing their cases in the background must not assign first
        listener.enabled = false;
        org = fixtures.organization();
        unit = org.service().id();
        parking = service("Pysäköintitunnus");
        store.setAutoAssign(org.id(), unit, true, TUESDAY_10);
    }

    UUID service(String name) {
        return catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText(name, name + " sv", name + " en"),
                new LocalizedText(name, null, null), List.of(), unit)).id();
    }

    StaffUser person(String name, List<String> languages, Map<UUID, Level> expertise) {
        StaffUser user = staff.create(org.id(), unit, name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID().toString().substring(0, 6),
                name, null, Fixtures.PASSWORD, EnumSet.of(Role.AGENT), Language.FI);
        store.save(org.id(), user.id(), "", languages, new WorkingHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 8 * 60, 16 * 60), TUESDAY_10);
        expertise.forEach((service, level) -> store.setExpertise(org.id(), user.id(), service, level));
        return user;
    }

    OpenedCase aCase(Language language) {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, language));
        return cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Pysäköinti", "Tarvitsen pysäköintitunnuksen", language,
                null, unit, null, Set.of(), List.of(), Actor.customer()));
    }

    StaffingStore.Reason assign(OpenedCase opened, Instant at) {
        return assigner.assign(org.id(), opened.id(), parking, at, true).orElseThrow();
    }

    UUID assignee(OpenedCase opened) {
        return cases.summary(org.id(), opened.id()).orElseThrow().assigneeId();
    }

    @Test
    void theResponsiblePersonBeforeAnExpertBeforeOneWhoCanHandleIt() {
        StaffUser canHandle = person("Cecilia Can", List.of("fi"), Map.of(parking, Level.CAN_HANDLE));
        StaffUser expert = person("Eemeli Expert", List.of("fi"), Map.of(parking, Level.EXPERT));
        person("Nobody Knows", List.of("fi"), Map.of());
        OpenedCase opened = aCase(Language.FI);

        StaffingStore.Reason reason = assign(opened, TUESDAY_10);

        assertThat(reason.outcome()).isEqualTo(AssignmentChoice.Outcome.ASSIGNED);
        assertThat(reason.assigneeId()).isEqualTo(expert.id());
        assertThat(reason.level()).isEqualTo(Level.EXPERT);
        assertThat(reason.candidates()).isEqualTo(2);
        assertThat(assignee(opened)).isEqualTo(expert.id());
        assertThat(canHandle.id()).isNotEqualTo(expert.id());

        StaffUser responsible = person("Riitta Responsible", List.of("fi"), Map.of(parking, Level.RESPONSIBLE));
        OpenedCase next = aCase(Language.FI);
        assertThat(assign(next, TUESDAY_10).assigneeId()).isEqualTo(responsible.id());
    }

    @Test
    void theCaseLanguageDecidesBeforeTheLevel() {
        person("Finnish Responsible", List.of("fi", "en"), Map.of(parking, Level.RESPONSIBLE));
        StaffUser swede = person("Svea Svensson", List.of("sv", "fi"), Map.of(parking, Level.CAN_HANDLE));

        OpenedCase swedish = aCase(Language.SV);
        StaffingStore.Reason reason = assign(swedish, TUESDAY_10);

        assertThat(reason.assigneeId()).isEqualTo(swede.id());
        assertThat(reason.language()).isEqualTo("sv");
    }

    @Test
    void nobodySpeakingTheLanguageLeavesTheCaseInTheUnitQueue() {
        person("Finnish Only", List.of("fi"), Map.of(parking, Level.RESPONSIBLE));
        OpenedCase swedish = aCase(Language.SV);

        StaffingStore.Reason reason = assign(swedish, TUESDAY_10);

        assertThat(reason.outcome()).isEqualTo(AssignmentChoice.Outcome.NO_LANGUAGE);
        assertThat(reason.assigneeId()).isNull();
        assertThat(assignee(swedish)).isNull();
        assertThat(cases.summary(org.id(), swedish.id()).orElseThrow().unitId()).isEqualTo(unit);
        assertThat(store.lastReason(org.id(), swedish.id())).contains(reason);
    }

    @Test
    void nobodyKnowingTheServiceLeavesTheCaseUnassigned() {
        person("Other Things", List.of("fi"), Map.of(service("Rakennuslupa"), Level.RESPONSIBLE));
        OpenedCase opened = aCase(Language.FI);

        assertThat(assign(opened, TUESDAY_10).outcome()).isEqualTo(AssignmentChoice.Outcome.NO_EXPERT);
        assertThat(assignee(opened)).isNull();
    }

    @Test
    void outsideWorkingHoursAtWeekendsAndOnHolidaysNobodyIsAvailable() {
        person("Office Hours", List.of("fi"), Map.of(parking, Level.RESPONSIBLE));
        Instant evening = LocalDateTime.of(2026, 3, 10, 16, 0).atZone(HELSINKI).toInstant();
        Instant saturday = LocalDateTime.of(2026, 3, 14, 10, 0).atZone(HELSINKI).toInstant();
        Instant independenceDay = LocalDateTime.of(2026, 12, 7, 10, 0).atZone(HELSINKI).toInstant(); // Monday, 6.12. is Sunday
        Instant christmasEve = LocalDateTime.of(2026, 12, 24, 10, 0).atZone(HELSINKI).toInstant();
        for (Instant at : List.of(evening, saturday, christmasEve)) {
            OpenedCase opened = aCase(Language.FI);
            assertThat(assign(opened, at).outcome()).as(at.toString()).isEqualTo(AssignmentChoice.Outcome.NOBODY_AVAILABLE);
            assertThat(assignee(opened)).isNull();
        }
        assertThat(FinnishHolidays.isHoliday(LocalDate.of(2026, 12, 24))).isTrue();
        OpenedCase monday = aCase(Language.FI);
        assertThat(assign(monday, independenceDay).outcome()).isEqualTo(AssignmentChoice.Outcome.ASSIGNED);
    }

    @Test
    void anAbsentPersonIsPassedOverAndTheNextOneGetsTheCase() {
        StaffUser away = person("Away Today", List.of("fi"), Map.of(parking, Level.RESPONSIBLE));
        StaffUser here = person("Here Today", List.of("fi"), Map.of(parking, Level.CAN_HANDLE));
        store.addAbsence(org.id(), away.id(), LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 10), TUESDAY_10);

        assertThat(assign(aCase(Language.FI), TUESDAY_10).assigneeId()).isEqualTo(here.id());
        Instant wednesday = TUESDAY_10.plus(Duration.ofDays(1));
        assertThat(assign(aCase(Language.FI), wednesday).assigneeId()).isEqualTo(away.id());
    }

    @Test
    void theOneWithFewerOpenCasesGetsIt() {
        StaffUser busy = person("Busy Bee", List.of("fi"), Map.of(parking, Level.EXPERT));
        StaffUser free = person("Free Bird", List.of("fi"), Map.of(parking, Level.EXPERT));
        for (int i = 0; i < 2; i++) cases.assign(org.id(), aCase(Language.FI).id(), Actor.system(), busy.id());
        OpenedCase resolved = aCase(Language.FI);
        cases.assign(org.id(), resolved.id(), Actor.system(), free.id());
        cases.changeStatus(org.id(), resolved.id(), Actor.staff(free.id()), CaseStatus.RESOLVED);
        cases.assign(org.id(), aCase(Language.FI).id(), Actor.system(), free.id());

        StaffingStore.Reason reason = assign(aCase(Language.FI), TUESDAY_10);

        assertThat(reason.assigneeId()).isEqualTo(free.id());
        assertThat(reason.load()).isEqualTo(1); // the resolved case does not count
    }

    @Test
    void loadIsCountedUpToTheCapSoThatABacklogCostsNoMoreToCompare() {
        StaffUser swamped = person("Swamped Sam", List.of("fi"), Map.of(parking, Level.EXPERT));
        StaffUser buried = person("Buried Bo", List.of("fi"), Map.of(parking, Level.EXPERT));
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        List<HistoricalCase> backlog = new ArrayList<>();
        for (int i = 0; i < Cases.LOAD_CAP + 5; i++) {
            Instant at = TUESDAY_10.minus(Duration.ofDays(30)).plusSeconds(i);
            backlog.add(new HistoricalCase(Channel.WEB_FORM, customer, "Pysäköinti " + i, "Tarvitsen pysäköintitunnuksen",
                    Language.FI, null, unit, null, Set.of(), Actor.customer(), at,
                    List.of(new HistoricalCase.Assignment(at.plusSeconds(1), swamped.id(), swamped.id()))));
        }
        cases.importHistorical(org.id(), backlog);
        cases.assign(org.id(), aCase(Language.FI).id(), Actor.system(), buried.id());

        Map<UUID, Integer> load = cases.openLoad(org.id(), List.of(swamped.id(), buried.id()));

        assertThat(load).containsEntry(swamped.id(), Cases.LOAD_CAP).containsEntry(buried.id(), 1);
        assertThat(assign(aCase(Language.FI), TUESDAY_10).assigneeId()).isEqualTo(buried.id());
    }

    @Test
    void aRoutingBatchIsAssignedAsOneCaseAfterAnother() {
        // the batch reads the unit's people and loads once and carries them from case to case in memory: the result
        // must be what assigning the cases one by one gives (least loaded first, equals in turn)
        StaffUser one = person("Batch One", List.of("fi"), Map.of(parking, Level.EXPERT));
        StaffUser two = person("Batch Two", List.of("fi"), Map.of(parking, Level.EXPERT));
        cases.assign(org.id(), aCase(Language.FI).id(), Actor.system(), one.id());
        Map<UUID, UUID> batch = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5; i++) batch.put(aCase(Language.FI).id(), parking);
        OpenedCase swedish = aCase(Language.SV);
        batch.put(swedish.id(), parking);

        List<StaffingStore.Reason> reasons = tx.execute(s -> assigner.assignBatch(org.id(), batch, TUESDAY_10));

        assertThat(reasons).extracting(StaffingStore.Reason::caseId).containsExactlyElementsOf(batch.keySet());
        Map<UUID, Integer> load = new HashMap<>(Map.of(one.id(), 1, two.id(), 0));
        for (StaffingStore.Reason r : reasons.subList(0, 5)) {
            assertThat(r.load()).as("the load the choice saw, carried from the cases before").isEqualTo(load.get(r.assigneeId()));
            assertThat(load.get(r.assigneeId())).as("the least loaded").isEqualTo(load.values().stream().min(Integer::compare).orElseThrow());
            load.merge(r.assigneeId(), 1, Integer::sum);
        }
        assertThat(load).containsEntry(one.id(), 3).containsEntry(two.id(), 3);
        assertThat(reasons.getFirst().assigneeId()).isEqualTo(two.id());
        assertThat(reasons.get(5).outcome()).isEqualTo(AssignmentChoice.Outcome.NO_LANGUAGE);
        for (StaffingStore.Reason r : reasons) {
            assertThat(store.lastReason(org.id(), r.caseId()).orElseThrow().assigneeId()).isEqualTo(r.assigneeId());
            assertThat(cases.summary(org.id(), r.caseId()).orElseThrow().assigneeId()).isEqualTo(r.assigneeId());
        }
    }

    @Test
    void equalsTakeTurnsFairly() {
        List<StaffUser> three = List.of(
                person("Turn One", List.of("fi"), Map.of(parking, Level.EXPERT)),
                person("Turn Two", List.of("fi"), Map.of(parking, Level.EXPERT)),
                person("Turn Three", List.of("fi"), Map.of(parking, Level.EXPERT)));
        Map<UUID, Integer> got = new HashMap<>();
        List<UUID> order = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            OpenedCase opened = aCase(Language.FI);
            UUID chosen = assign(opened, TUESDAY_10.plusSeconds(i)).assigneeId();
            order.add(chosen);
            got.merge(chosen, 1, Integer::sum);
            cases.changeStatus(org.id(), opened.id(), Actor.staff(chosen), CaseStatus.RESOLVED); // loads stay equal
        }
        assertThat(got).containsOnlyKeys(three.stream().map(StaffUser::id).toArray(UUID[]::new));
        assertThat(got.values()).containsOnly(3);
        assertThat(order.subList(3, 6)).isEqualTo(order.subList(0, 3));
    }

    @Test
    void concurrentAssignmentsInOneUnitSpreadOverThePeople() throws Exception {
        person("Parallel One", List.of("fi"), Map.of(parking, Level.EXPERT));
        person("Parallel Two", List.of("fi"), Map.of(parking, Level.EXPERT));
        List<OpenedCase> opened = new ArrayList<>();
        for (int i = 0; i < 6; i++) opened.add(aCase(Language.FI));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<StaffingStore.Reason>> futures = new ArrayList<>();
            for (OpenedCase c : opened) futures.add(pool.submit(() -> assign(c, TUESDAY_10)));
            Map<UUID, Integer> got = new HashMap<>();
            for (Future<StaffingStore.Reason> f : futures) got.merge(f.get().assigneeId(), 1, Integer::sum);
            assertThat(got.values()).containsExactly(3, 3);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anAlreadyAssignedCaseOrAUnitWithAutomaticAssignmentOffIsLeftAlone() {
        person("Would Fit", List.of("fi"), Map.of(parking, Level.EXPERT));
        OpenedCase mine = aCase(Language.FI);
        cases.assign(org.id(), mine.id(), Actor.staff(org.agent().id()), org.agent().id());
        assertThat(assigner.assign(org.id(), mine.id(), parking, TUESDAY_10, true)).isEmpty();
        assertThat(assignee(mine)).isEqualTo(org.agent().id());

        store.setAutoAssign(org.id(), unit, false, TUESDAY_10);
        OpenedCase other = aCase(Language.FI);
        assertThat(assigner.assign(org.id(), other.id(), parking, TUESDAY_10, true)).isEmpty();
        assertThat(assignee(other)).isNull();
    }

    @Test
    void anotherOrganizationsPeopleAreNeverCandidates() {
        Fixtures.Org other = fixtures.organization();
        store.save(other.id(), other.agent().id(), "", List.of("fi"), WorkingHours.OFFICE, TUESDAY_10);
        OpenedCase opened = aCase(Language.FI);
        assertThat(assign(opened, TUESDAY_10).outcome()).isEqualTo(AssignmentChoice.Outcome.NO_EXPERT);
        assertThat(assigner.assign(other.id(), opened.id(), parking, TUESDAY_10, false)).isEmpty();
    }

    @org.junit.jupiter.api.AfterEach
    void listenAgain() {
        listener.enabled = true;
    }

    @Test
    void aCaseRoutedEventAssigns() {
        StaffUser everyDay = staff.create(org.id(), unit, "always-" + UUID.randomUUID().toString().substring(0, 6), "Always Here",
                null, Fixtures.PASSWORD, EnumSet.of(Role.AGENT), Language.FI);
        store.save(org.id(), everyDay.id(), "", List.of("fi"), new WorkingHours(EnumSet.allOf(DayOfWeek.class), 0, 1440), TUESDAY_10);
        store.setExpertise(org.id(), everyDay.id(), parking, Level.RESPONSIBLE);
        OpenedCase opened = aCase(Language.FI);
        // the routing worker routes every opened case: let it finish first (its own event finds the listener off),
        // since this stand-in event racing the worker over the same case's rows can deadlock one of them
        await().atMost(Duration.ofSeconds(30)).until(() -> !routing.decisions(org.id(), opened.id()).isEmpty());
        assertThat(store.lastReason(org.id(), opened.id())).isEmpty();
        listener.enabled = true;

        tx.executeWithoutResult(s -> events.publishEvent(new CaseRouted(org.id(), opened.id(), UUID.randomUUID(),
                RoutingDecision.Outcome.KEPT, parking, unit, 0.9, false)));
        assertThat(store.lastReason(org.id(), opened.id())).as("in the routing transaction").isPresent();

        await().atMost(Duration.ofSeconds(30)).until(() -> store.lastReason(org.id(), opened.id()).isPresent());
        boolean holiday = FinnishHolidays.isHoliday(store.lastReason(org.id(), opened.id()).orElseThrow().decidedAt().atZone(HELSINKI).toLocalDate());
        assertThat(assignee(opened)).isEqualTo(holiday ? null : everyDay.id());
    }
    @Autowired RoutingFeedback feedback;
    @Autowired JdbcClient db;

    @Test
    void aCaseTheClassifierMovesGetsItsPersonInTheMoveAndOneReason() {
        listener.enabled = true;
        StaffUser everyDay = staff.create(org.id(), unit, "moved-" + UUID.randomUUID().toString().substring(0, 6), "Moved Here",
                null, Fixtures.PASSWORD, EnumSet.of(Role.AGENT), Language.FI);
        store.save(org.id(), everyDay.id(), "", List.of("fi"), new WorkingHours(EnumSet.allOf(DayOfWeek.class), 0, 1440), TUESDAY_10);
        store.setExpertise(org.id(), everyDay.id(), parking, Level.RESPONSIBLE);
        catalogue.create(org.id(), ServiceDraft.simple(new LocalizedText("Rakennuslupa", "Bygglov", "Building permit"),
                new LocalizedText("Rakentaminen ja luvat", null, null), List.of("rakennuslupa", "terassi"), org.building().id()));
        for (String t : List.of("Pysäköintitunnus asukaspysäköintiin", "Asukaspysäköintitunnuksen hakeminen",
                "Pysäköintitunnus autolle", "Miten haen pysäköintitunnuksen", "Pysäköintitunnus vanheni")) {
            feedback.history(org.id(), t, Language.FI, parking);
        }
        // no unit: the classifier decides, and routing moves the case to the parking service's unit
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija Meikäläinen", "maija@example.fi", null, Language.FI));
        OpenedCase finnish = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Pysäköintitunnus",
                "Haen asukaspysäköintitunnusta autolleni", Language.FI, null, null, null, Set.of(), List.of(), Actor.customer()));
        OpenedCase swedish = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Pysäköintitunnus",
                "Haen asukaspysäköintitunnusta autolleni", Language.SV, null, null, null, Set.of(), List.of(), Actor.customer()));

        for (OpenedCase c : List.of(finnish, swedish)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !routing.decisions(org.id(), c.id()).isEmpty());
            RoutingDecision decision = routing.decisions(org.id(), c.id()).getFirst();
            assertThat(decision.outcome()).isEqualTo(RoutingDecision.Outcome.ROUTED);
            assertThat(decision.serviceId()).isEqualTo(parking);
            assertThat(cases.summary(org.id(), c.id()).orElseThrow().unitId()).isEqualTo(unit);
            assertThat(db.sql("select count(*) from staffing_assignment where case_id = ?").param(c.id()).query(Integer.class).single())
                    .as("the person is chosen once: before the move, not again when routing has decided").isEqualTo(1);
        }
        StaffingStore.Reason reason = store.lastReason(org.id(), finnish.id()).orElseThrow();
        boolean holiday = FinnishHolidays.isHoliday(reason.decidedAt().atZone(HELSINKI).toLocalDate());
        List<String> history = cases.detail(org.id(), finnish.id()).orElseThrow().history().stream().map(CaseEventEntry::type).toList();
        if (!holiday) {
            assertThat(reason.outcome()).isEqualTo(AssignmentChoice.Outcome.ASSIGNED);
            assertThat(assignee(finnish)).isEqualTo(everyDay.id());
            assertThat(history).as("moved and assigned by routing, in this order").endsWith("TRANSFERRED", "ASSIGNED");
        }
        AssignmentChoice.Outcome swedishOutcome = store.lastReason(org.id(), swedish.id()).orElseThrow().outcome();
        assertThat(swedishOutcome).isNotEqualTo(AssignmentChoice.Outcome.ASSIGNED);
        if (!holiday) assertThat(swedishOutcome).as("nobody speaks Swedish: the case waits in the unit's queue")
                .isEqualTo(AssignmentChoice.Outcome.NO_LANGUAGE);
        assertThat(assignee(swedish)).isNull();
        assertThat(cases.detail(org.id(), swedish.id()).orElseThrow().history()).extracting(CaseEventEntry::type)
                .contains("TRANSFERRED").doesNotContain("ASSIGNED");
    }
}
