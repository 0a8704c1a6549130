package fi.aspa.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.customer.ContactDetails;
import fi.aspa.customer.Customers;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The cases module on real PostgreSQL: lifecycle through commands, history, events, attachments, queues. */
@AspaTest
class CasesIntegrationTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Cases cases;
    @Autowired
    Customers customers;
    @Autowired
    JdbcClient db;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    Fixtures.Org org;

    @BeforeEach
    void organization() {
        org = fixtures.organization();
    }

    @Test
    void referencesAreReadableAndSequentialPerOrganizationAndYear() {
        OpenedCase first = fixtures.aCase(org, "Katuvalo rikki", "Katuvalo ei pala Koulukadulla.");
        OpenedCase second = fixtures.aCase(org, "Lumiaura", "Auraus puuttuu.");
        // the year of each case's own opening (Helsinki time), not the year it is now: at New Year's midnight the two may
        // differ, and a new year starts its numbers from 1 again
        int year = year(first);
        assertThat(first.reference()).isEqualTo("ASPA-" + year + "-000001");
        assertThat(second.reference()).isEqualTo("ASPA-" + year(second) + (year(second) == year ? "-000002" : "-000001"));
        assertThat(first.trackingToken()).hasSizeGreaterThanOrEqualTo(40);
        Fixtures.Org other = fixtures.organization();
        OpenedCase elsewhere = fixtures.aCase(other, "Muu", "Toinen organisaatio.");
        assertThat(elsewhere.reference()).isEqualTo("ASPA-" + year(elsewhere) + "-000001");
    }

    @Test
    void conversationMovesTheCaseAlongTheLifecycleAndRecordsWhoDidWhat() {
        OpenedCase opened = fixtures.aCase(org, "Päivähoitopaikka", "Haen päivähoitopaikkaa elokuusta.");
        Actor agent = Actor.staff(org.agent().id());

        cases.reply(org.id(), opened.id(), agent, "Hakemus on vastaanotettu. Tarvitsemme vielä tulotiedot.", CaseStatus.WAITING);
        assertThat(cases.summary(org.id(), opened.id()).orElseThrow().status()).isEqualTo(CaseStatus.WAITING);
        assertThat(cases.summary(org.id(), opened.id()).orElseThrow().assigneeId()).isEqualTo(org.agent().id());

        cases.addCustomerMessage(org.id(), opened.id(), "Tässä tulotiedot.", Channel.WEB_FORM, List.of());
        assertThat(cases.summary(org.id(), opened.id()).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);

        cases.addNote(org.id(), opened.id(), agent, "Tarkistettu, ok.");
        cases.changeStatus(org.id(), opened.id(), agent, CaseStatus.RESOLVED);
        cases.changeStatus(org.id(), opened.id(), agent, CaseStatus.CLOSED);
        assertThatThrownBy(() -> cases.changeStatus(org.id(), opened.id(), agent, CaseStatus.WAITING))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("illegal-transition");

        cases.addCustomerMessage(org.id(), opened.id(), "Vielä yksi kysymys.", Channel.WEB_FORM, List.of());
        CaseDetail detail = cases.detail(org.id(), opened.id()).orElseThrow();
        assertThat(detail.summary().status()).as("a customer's reply reopens a closed case").isEqualTo(CaseStatus.OPEN);
        assertThat(detail.messages()).extracting(CaseMessage::kind).containsExactly(
                MessageKind.INBOUND, MessageKind.OUTBOUND, MessageKind.INBOUND, MessageKind.NOTE, MessageKind.INBOUND);
        assertThat(detail.history()).extracting(CaseEventEntry::type).containsExactly(
                "OPENED", "REPLIED", "STATUS_CHANGED", "CUSTOMER_MESSAGE", "STATUS_CHANGED", "NOTE_ADDED",
                "STATUS_CHANGED", "STATUS_CHANGED", "CUSTOMER_MESSAGE", "STATUS_CHANGED");
        assertThat(detail.history().get(1).actorStaffId()).isEqualTo(org.agent().id());
        assertThat(detail.history().get(2).detail()).containsEntry("from", "NEW").containsEntry("to", "WAITING");
    }

    @Test
    void transferMovesTheCaseUnassignsItAndLeavesTheNote() {
        OpenedCase opened = fixtures.aCase(org, "Rakennuslupa", "Tarvitseeko terassi luvan?");
        Actor agent = Actor.staff(org.agent().id());
        cases.assign(org.id(), opened.id(), agent, org.agent().id());
        cases.transfer(org.id(), opened.id(), agent, org.building().id(), "Rakennusvalvonnan asia, asiakas odottaa vastausta.");

        CaseDetail detail = cases.detail(org.id(), opened.id()).orElseThrow();
        assertThat(detail.summary().unitId()).isEqualTo(org.building().id());
        assertThat(detail.summary().assigneeId()).isNull();
        assertThat(detail.messages()).last().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MessageKind.NOTE);
            assertThat(m.body()).contains("Rakennusvalvonnan asia");
        });
        assertThat(detail.history()).extracting(CaseEventEntry::type).contains("ASSIGNED", "TRANSFERRED");
        assertThatThrownBy(() -> cases.transfer(org.id(), opened.id(), agent, org.building().id(), "again"))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("same-unit");
        Fixtures.Org other = fixtures.organization();
        assertThatThrownBy(() -> cases.transfer(org.id(), opened.id(), agent, other.service().id(), "x"))
                .as("a unit of another organization is unknown here")
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("unknown-unit");
    }

    @Test
    void transfersAreCountedPerOrganizationAndByWhoMadeThemSoRoutingsPlacementIsNoHandOver() {
        Fixtures.Org mine = fixtures.organization();
        String id = mine.id().value().toString();
        OpenedCase placed = fixtures.aCase(mine, "Katulamppu", "Katulamppu ei pala.");
        OpenedCase handedOn = fixtures.aCase(mine, "Rakennuslupa", "Tarvitseeko terassi luvan?");
        double systemBefore = meters.counter("aspa.cases.transferred", "organization", id, "by", "system").count();
        double staffBefore = meters.counter("aspa.cases.transferred", "organization", id, "by", "staff").count();

        cases.transferAll(mine.id(), Actor.system(), java.util.Map.of(placed.id(), mine.building().id()), java.util.Map.of());
        cases.transfer(mine.id(), handedOn.id(), Actor.staff(mine.agent().id()), mine.building().id(), null);

        // routing may place the fixture cases too (after commit, as the system): at least the one placement here
        assertThat(meters.counter("aspa.cases.transferred", "organization", id, "by", "system").count())
                .as("routing's placement").isGreaterThanOrEqualTo(systemBefore + 1);
        assertThat(meters.counter("aspa.cases.transferred", "organization", id, "by", "staff").count())
                .as("the person's hand-over, and only it").isEqualTo(staffBefore + 1);
        String quiet = fixtures.organization().id().value().toString();
        assertThat(meters.counter("aspa.cases.transferred", "organization", quiet, "by", "staff").count()
                + meters.counter("aspa.cases.transferred", "organization", quiet, "by", "system").count())
                .as("another organization's counters").isZero();
    }

    @Test
    void aBatchMovesAndAssignsItsCasesWithTheSameHistoryAsOneByOne() {
        OpenedCase first = fixtures.aCase(org, "Rakennuslupa", "Tarvitseeko terassi luvan?");
        OpenedCase second = fixtures.aCase(org, "Aitalupa", "Saako aidan rakentaa tontin rajalle?");
        OpenedCase there = fixtures.aCase(org, "Katos", "Tarvitseeko autokatos luvan?");
        Actor agent = Actor.staff(org.agent().id());
        cases.transfer(org.id(), there.id(), agent, org.building().id(), null);
        cases.assign(org.id(), there.id(), agent, org.agent().id());

        cases.transferAll(org.id(), Actor.system(), java.util.Map.of(
                first.id(), org.building().id(), second.id(), org.building().id(), there.id(), org.building().id()),
                java.util.Map.of(first.id(), org.agent().id(), there.id(), org.agent().id()));
        CaseDetail movedAndAssigned = cases.detail(org.id(), first.id()).orElseThrow();
        assertThat(movedAndAssigned.summary().unitId()).isEqualTo(org.building().id());
        assertThat(movedAndAssigned.summary().assigneeId()).as("moved and assigned by one update").isEqualTo(org.agent().id());
        assertThat(movedAndAssigned.history()).extracting(CaseEventEntry::type).endsWith("TRANSFERRED", "ASSIGNED");
        assertThat(movedAndAssigned.history()).last().satisfies(e -> {
            assertThat(e.detail()).containsEntry("to", org.agent().id().toString());
            assertThat(e.detail().get("from")).as("nobody had it").isNull();
            assertThat(e.actorStaffId()).isNull();
        });
        CaseDetail moved = cases.detail(org.id(), second.id()).orElseThrow();
        assertThat(moved.summary().unitId()).isEqualTo(org.building().id());
        assertThat(moved.summary().assigneeId()).as("no person chosen: moved unassigned").isNull();
        assertThat(moved.history()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo("TRANSFERRED");
            assertThat(e.detail()).containsEntry("toUnit", org.building().id().toString());
            assertThat(e.actorStaffId()).isNull();
        });
        CaseDetail stayed = cases.detail(org.id(), there.id()).orElseThrow();
        assertThat(stayed.summary().assigneeId()).as("a case already in the unit is left as it is").isEqualTo(org.agent().id());
        assertThat(stayed.history()).extracting(CaseEventEntry::type).containsOnlyOnce("TRANSFERRED", "ASSIGNED");

        cases.assignAll(org.id(), Actor.system(), java.util.Map.of(second.id(), org.agent().id(), there.id(), org.agent().id()));
        assertThat(cases.summary(org.id(), second.id()).orElseThrow().assigneeId()).isEqualTo(org.agent().id());
        assertThat(cases.detail(org.id(), second.id()).orElseThrow().history()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo("ASSIGNED");
            assertThat(e.detail()).containsEntry("to", org.agent().id().toString());
            assertThat(e.detail().get("from")).as("nobody had it").isNull();
        });
        assertThat(cases.detail(org.id(), there.id()).orElseThrow().history()).extracting(CaseEventEntry::type)
                .as("already its assignee: no second event").containsOnlyOnce("ASSIGNED");

        Fixtures.Org other = fixtures.organization();
        OpenedCase theirs = fixtures.aCase(other, "Muu", "Toisen organisaation asia.");
        assertThatThrownBy(() -> cases.transferAll(org.id(), Actor.system(), java.util.Map.of(first.id(), other.service().id()), java.util.Map.of()))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("unknown-unit");
        assertThatThrownBy(() -> cases.assignAll(org.id(), Actor.system(), java.util.Map.of(first.id(), other.agent().id())))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("unknown-assignee");
        assertThatThrownBy(() -> cases.transferAll(org.id(), Actor.system(), java.util.Map.of(theirs.id(), org.building().id()),
                java.util.Map.of(theirs.id(), other.agent().id())))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("unknown-assignee");
        assertThatThrownBy(() -> cases.assignAll(org.id(), Actor.system(), java.util.Map.of(theirs.id(), org.agent().id())))
                .as("another organization's case is not found here").isInstanceOf(AspaException.class)
                .extracting(e -> ((AspaException) e).code()).isEqualTo("not-found");
        assertThat(cases.summary(other.id(), theirs.id()).orElseThrow().assigneeId()).isNull();
    }

    @Test
    void eventsAreStoredInThePublicationRegistryWithTheCaseAndCompletedAfterCommit(@Autowired PlatformTransactionManager tx)
            throws InterruptedException {
        // CHATBOT: a channel no other test opens cases on, so the counter moves only for this case; counted per organization
        double before = meters.counter("aspa.cases.opened", "organization", org.id().value().toString(), "channel", "CHATBOT").count();
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Botti", null, null, Language.FI));
        List<String> listenersBeforeCommit = new ArrayList<>();
        List<UUID> pendingRoutingBeforeCommit = new ArrayList<>();
        OpenedCase opened = new TransactionTemplate(tx).execute(status -> {
            OpenedCase o = cases.open(org.id(), new NewCase(Channel.CHATBOT, customer, "Kirjasto", "Milloin kirjasto on auki?",
                    Language.FI, null, null, null, Set.of(), List.of(), Actor.customer()));
            listenersBeforeCommit.addAll(db.sql("select listener_id from event_publication where serialized_event like ?")
                    .param("%" + o.id() + "%").query(String.class).list());
            pendingRoutingBeforeCommit.addAll(db.sql("select case_id from routing_pending where case_id = ?").param(o.id())
                    .query(UUID.class).list());
            assertThat(meters.counter("aspa.cases.opened", "organization", org.id().value().toString(), "channel", "CHATBOT").count()).as("not counted before commit").isEqualTo(before);
            return o;
        });
        assertThat(pendingRoutingBeforeCommit).as("routing's outbox row is written in the case's own transaction")
                .containsExactly(opened.id());
        assertThat(listenersBeforeCommit)
                .as("routing has its own outbox, not a registry row per case").noneMatch(l -> l.contains("Routing") || l.contains("CaseRouter"))
                .as("a listener with nothing to do for a chatbot case has no row").noneMatch(l -> l.contains("EmailOutbound"))
                .as("metrics are not in the registry").noneMatch(l -> l.contains("CaseFlowMetrics"));
        for (int i = 0; i < 600 && (meters.counter("aspa.cases.opened", "organization", org.id().value().toString(), "channel", "CHATBOT").count() == before
                || db.sql("select count(*) from event_publication where serialized_event like ?").param("%" + opened.id() + "%")
                        .query(Long.class).single() > 0
                || db.sql("select count(*) from routing_pending where case_id = ?").param(opened.id()).query(Long.class).single() > 0); i++) {
            Thread.sleep(50);
        }
        assertThat(meters.counter("aspa.cases.opened", "organization", org.id().value().toString(), "channel", "CHATBOT").count()).isEqualTo(before + 1);
        assertThat(db.sql("select count(*) from event_publication where serialized_event like ?").param("%" + opened.id() + "%")
                .query(Long.class).single()).as("completed publications are deleted").isZero();
        assertThat(db.sql("select count(*) from routing_pending where case_id = ?").param(opened.id()).query(Long.class).single())
                .as("routed: the outbox row is gone").isZero();
        assertThat(db.sql("select count(*) from routing_decision where case_id = ?").param(opened.id()).query(Long.class).single())
                .as("routed once").isEqualTo(1);
    }

    @Test
    void attachmentsAreAcceptedByContentNotByName() {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija", null, null, Language.FI));
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        OpenedCase opened = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Kuva", "Liitteenä kuva.",
                Language.FI, null, null, null, Set.of(), List.of(new NewAttachment("../../etc/kuva.png", png)), Actor.customer()));
        CaseMessage.AttachmentInfo info = cases.detail(org.id(), opened.id()).orElseThrow().messages().getFirst().attachments().getFirst();
        assertThat(info.filename()).isEqualTo("kuva.png");
        assertThat(info.contentType()).isEqualTo("image/png");
        assertThat(cases.attachment(org.id(), opened.id(), info.id()).orElseThrow().content()).isEqualTo(png);
        assertThat(cases.attachment(fixtures.organization().id(), opened.id(), info.id())).isEmpty();

        byte[] elf = "\u007fELF\u0002\u0001\u0001 not a pdf".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Liite", "Tiedosto.",
                Language.FI, null, null, null, Set.of(), List.of(new NewAttachment("lasku.pdf", elf)), Actor.customer())))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("attachment-type");
    }

    @Test
    void aReplyAndANoteCarryTheirCheckedFilesAndARefusedFileRefusesTheReply() {
        OpenedCase opened = fixtures.aCase(org, "Päätös", "Lähettäkää päätös.");
        Actor agent = Actor.staff(org.agent().id());
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        UUID replyId = cases.reply(org.id(), opened.id(), agent, "Päätös liitteenä.", CaseStatus.WAITING,
                List.of(new NewAttachment("C:\\temp\\päätös.pdf", pdf), new NewAttachment("", new byte[0])));
        UUID noteId = cases.addNote(org.id(), opened.id(), agent, "Muistio liitteenä.",
                List.of(new NewAttachment("muistio.txt", "Sisäinen muistio\n".getBytes(StandardCharsets.UTF_8))));

        CaseDetail detail = cases.detail(org.id(), opened.id()).orElseThrow();
        CaseMessage reply = detail.messages().stream().filter(m -> m.id().equals(replyId)).findFirst().orElseThrow();
        assertThat(reply.kind()).isEqualTo(MessageKind.OUTBOUND);
        assertThat(reply.attachments()).as("the empty part is no file; the path is not part of the name").singleElement()
                .satisfies(a -> {
                    assertThat(a.filename()).isEqualTo("päätös.pdf");
                    assertThat(a.contentType()).isEqualTo("application/pdf");
                    assertThat(a.sizeBytes()).isEqualTo(pdf.length);
                });
        assertThat(cases.attachment(org.id(), opened.id(), reply.attachments().getFirst().id()).orElseThrow().content()).isEqualTo(pdf);
        assertThat(detail.messages().stream().filter(m -> m.id().equals(noteId)).findFirst().orElseThrow().attachments())
                .extracting(CaseMessage.AttachmentInfo::filename).containsExactly("muistio.txt");
        assertThat(detail.summary().status()).isEqualTo(CaseStatus.WAITING);

        // a refused file refuses the whole reply: no message, no status change, no file
        byte[] exe = "MZ\u0090\u0000\u0003 this program cannot be run in DOS mode".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> cases.reply(org.id(), opened.id(), agent, "Toinen vastaus.", CaseStatus.RESOLVED,
                List.of(new NewAttachment("ohje.pdf", pdf), new NewAttachment("ohje.exe", exe))))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("attachment-type");
        List<NewAttachment> six = java.util.stream.IntStream.range(0, cases.attachmentLimits().maxFiles() + 1)
                .mapToObj(i -> new NewAttachment("liite" + i + ".pdf", pdf)).toList();
        assertThatThrownBy(() -> cases.reply(org.id(), opened.id(), agent, "Kolmas vastaus.", null, six))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("too-many-attachments");
        CaseDetail after = cases.detail(org.id(), opened.id()).orElseThrow();
        assertThat(after.messages()).hasSameSizeAs(detail.messages());
        assertThat(after.summary().status()).isEqualTo(CaseStatus.WAITING);
        assertThat(db.sql("select count(*) from attachment where case_id = ?").param(opened.id()).query(Long.class).single()).isEqualTo(2);
        assertThat(cases.attachmentLimits()).isEqualTo(new AttachmentLimits(5, 10L * 1024 * 1024));
    }

    @Test
    void aReplyAndANoteWithoutFilesRunInTheirOwnTransactionSoTheirEventsReachTheListenersAfterCommit() {
        OpenedCase opened = fixtures.aCase(org, "Ilman liitteitä", "Kysymys.");
        fixtures.awaitSettled(org);
        cases.reply(org.id(), opened.id(), Actor.staff(org.agent().id()), "Vastaus ilman liitteitä.", CaseStatus.WAITING);
        cases.addNote(org.id(), opened.id(), Actor.staff(org.agent().id()), "Muistio ilman liitteitä.");
        // outside a transaction the publications would stay registered and never be delivered
        fixtures.awaitSettled(org);
        assertThat(db.sql("select count(*) from event_publication where serialized_event like ?").param("%" + opened.id() + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void queuesFilterSortAndPage() {
        Actor agent = Actor.staff(org.agent().id());
        OpenedCase a = fixtures.aCase(org, "Lumiaura ei käynyt", "Pihatie on auraamatta.");
        OpenedCase b = fixtures.aCase(org, "Koirapuisto", "Koirapuiston portti on rikki.");
        OpenedCase c = fixtures.aCase(org, "Uimahalli", "Uimahallin aukioloajat?");
        cases.assign(org.id(), a.id(), agent, org.agent().id());
        cases.setPriority(org.id(), b.id(), agent, Priority.URGENT);
        cases.changeStatus(org.id(), c.id(), agent, CaseStatus.RESOLVED);
        cases.setTags(org.id(), b.id(), agent, Set.of("Portti", " puisto "));

        assertThat(ids(CaseFilter.all().withAssignee(org.agent().id()))).containsExactly(a.id());
        assertThat(ids(CaseFilter.all().unassigned())).containsExactlyInAnyOrder(b.id(), c.id());
        assertThat(ids(CaseFilter.all().withStatuses(EnumSet.of(CaseStatus.NEW)))).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(ids(CaseFilter.all().withPriority(Priority.URGENT))).containsExactly(b.id());
        assertThat(ids(CaseFilter.all().withText("koirapuiston"))).containsExactly(b.id());
        assertThat(ids(CaseFilter.all().withText(b.reference().toLowerCase()))).containsExactly(b.id());
        assertThat(ids(new CaseFilter(Set.of(), null, null, null, null, false, null, null, null, null, "portti"))).containsExactly(b.id());
        assertThat(cases.list(org.id(), CaseFilter.all(), CaseSort.PRIORITY, 0, 10).items().getFirst().id()).isEqualTo(b.id());

        CasePage first = cases.list(org.id(), CaseFilter.all(), CaseSort.CREATED_ASC, 0, 2);
        CasePage second = cases.list(org.id(), CaseFilter.all(), CaseSort.CREATED_ASC, 1, 2);
        assertThat(first.hasNext()).isTrue();
        assertThat(second.hasNext()).isFalse();
        assertThat(first.items()).extracting(CaseSummary::id).containsExactly(a.id(), b.id());
        assertThat(second.items()).extracting(CaseSummary::id).containsExactly(c.id());
    }

    @Test
    void wordSearchGivesTheSamePagesWhetherItCollectsAllMatchesOrReadsNewestFirst(@Autowired CaseStore store) {
        for (int i = 0; i < 7; i++) {
            fixtures.aCase(org, "Katuvalo " + i, i % 2 == 0 ? "Katuvalo ei pala Pihatiellä." : "Roska-astia on täynnä.");
        }
        CaseFilter katuvalo = CaseFilter.all().withText("katuvalo");
        List<List<UUID>> collected = new ArrayList<>();
        List<List<UUID>> newestFirst = new ArrayList<>();
        try {
            for (long limit : new long[] {Long.MAX_VALUE, 0}) {
                store.collectMatchesUpTo = limit;
                List<List<UUID>> into = limit == 0 ? newestFirst : collected;
                for (CaseSort sort : CaseSort.values()) {
                    for (int page = 0; page < 3; page++) {
                        into.add(cases.list(org.id(), katuvalo, sort, page, 3).items().stream().map(CaseSummary::id).toList());
                    }
                }
            }
        } finally {
            store.collectMatchesUpTo = CaseStore.COLLECT_MATCHES_UP_TO;
        }
        assertThat(collected).isEqualTo(newestFirst);
        assertThat(collected.subList(0, 3).stream().mapToInt(List::size).sum()).isEqualTo(7);
        assertThat(ids(CaseFilter.all().withText("pihatiellä"))).hasSize(4);
    }

    @Test
    void timelineShowsEveryMessageOfEveryCaseOfTheCustomerNewestFirst() {
        UUID customer = customers.resolve(org.id(), new ContactDetails(fi.aspa.customer.CustomerKind.PERSON, "Kalle",
                "kalle@example.fi", null, "131052-308T", null, null, Language.FI, true));
        OpenedCase web = cases.open(org.id(), new NewCase(Channel.WEB_FORM, customer, "Lomake", "Lomakkeella.",
                Language.FI, null, null, null, Set.of(), List.of(), Actor.customer()));
        OpenedCase phone = cases.open(org.id(), new NewCase(Channel.PHONE, customer, "Puhelu", "Soitti.",
                Language.FI, null, null, null, Set.of(), List.of(), Actor.staff(org.agent().id())));
        cases.reply(org.id(), web.id(), Actor.staff(org.agent().id()), "Vastaus.", null);
        List<TimelineEntry> timeline = cases.timeline(org.id(), customer, 50);
        assertThat(timeline).extracting(TimelineEntry::caseId).containsExactly(web.id(), phone.id(), web.id());
        assertThat(timeline).extracting(TimelineEntry::channel).contains(Channel.PHONE, Channel.WEB_FORM);
        assertThat(cases.timeline(fixtures.organization().id(), customer, 50)).isEmpty();
    }

    @Test
    void textIsValidated() {
        UUID customer = customers.resolve(org.id(), ContactDetails.resident("Maija", null, null, Language.FI));
        assertThatThrownBy(() -> cases.open(org.id(), new NewCase(Channel.API, customer, " ", "body", Language.FI,
                null, null, null, Set.of(), List.of(), Actor.api()))).isInstanceOf(AspaException.class)
                .extracting(e -> ((AspaException) e).code()).isEqualTo("required");
        assertThatThrownBy(() -> cases.open(org.id(), new NewCase(Channel.API, customer, "s", "x".repeat(20_001), Language.FI,
                null, null, null, Set.of(), List.of(), Actor.api()))).isInstanceOf(AspaException.class)
                .extracting(e -> ((AspaException) e).code()).isEqualTo("too-long");
        assertThat(cases.list(org.id(), CaseFilter.all(), CaseSort.UPDATED_DESC, 0, 10).items())
                .as("nothing half-written by a rejected command").isEmpty();
    }

    private static int year(OpenedCase opened) {
        return opened.summary().createdAt().atZone(java.time.ZoneId.of("Europe/Helsinki")).getYear();
    }

    private List<UUID> ids(CaseFilter filter) {
        return cases.list(org.id(), filter, CaseSort.UPDATED_DESC, 0, 50).items().stream().map(CaseSummary::id).toList();
    }
}
