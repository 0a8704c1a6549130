package fi.aspa.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.cases.NewAttachment;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.DateTimes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case handed over from a municipality to a wellbeing services county: only what was selected arrives, the basis is
 * required, both sides record it, the sender sees the receiver's status and nothing else, and no other organization
 * sees anything.
 */
@AspaTest
class HandoverTest {
    @Autowired Fixtures fixtures;
    @Autowired Cases cases;
    @Autowired Customers customers;
    @Autowired HandoverService handovers;
    @Autowired HandoverStore store;
    @Autowired PersonalDataLog accessLog;
    @Autowired JdbcClient db;
    @Autowired StaffPages pages;

    Fixtures.Org municipality;
    Fixtures.Org county;
    Fixtures.Org bystander;
    OpenedCase opened;

    @BeforeEach
    void organizations() {
        municipality = fixtures.organization();
        county = fixtures.organization();
        bystander = fixtures.organization();
        store.setAccepts(county.id(), true, Instant.now());
        opened = fixtures.aCase(municipality, "Kotihoidon tarve", "Äitini tarvitsee kotihoitoa, hänen henkilötunnuksensa on salainen.");
        cases.reply(municipality.id(), opened.id(), Actor.staff(municipality.agent().id()), "Kunnan vastaus: selvitämme.", CaseStatus.WAITING);
        cases.addCustomerMessage(municipality.id(), opened.id(), "Liitteenä lääkärinlausunto.", Channel.WEB_FORM,
                List.of(new NewAttachment("lausunto.txt", "Lääkärinlausunto".getBytes(StandardCharsets.UTF_8))));
    }

    UUID send(boolean messages, boolean attachments) {
        return handovers.send(municipality.id(), municipality.agent().id(), opened.id(), new HandoverService.Request(
                county.id().value(), "Asiakas tarvitsee kotihoidon arvion.", Handover.Basis.CONSENT,
                "Suostumus puhelimessa", messages, attachments));
    }

    UUID receivedCase() {
        return store.sentFrom(municipality.id(), opened.id()).getFirst().receiverCaseId();
    }

    @Test
    void byDefaultOnlyTheSubjectTheSummaryAndTheContactDetailsArrive() {
        UUID id = send(false, false);
        CaseDetail received = cases.detail(county.id(), receivedCase()).orElseThrow();
        assertThat(received.summary().subject()).isEqualTo("Kotihoidon tarve");
        assertThat(received.summary().tags()).contains("handover");
        CaseMessage first = received.messages().getFirst();
        // the summary is the sender's, and says so: not the customer's words
        assertThat(first.body()).isEqualTo("Lähettäjän yhteenveto (" + municipality.organization().name().fi() + ", "
                + municipality.agent().displayName() + "):\nAsiakas tarvitsee kotihoidon arvion.");
        String everything = received.messages().stream().map(CaseMessage::body).reduce("", String::concat);
        assertThat(everything).doesNotContain("Äitini").doesNotContain("Kunnan vastaus").doesNotContain("lääkärinlausunto");
        assertThat(received.messages()).allMatch(m -> m.attachments().isEmpty());
        Customer customer = customers.find(county.id(), received.summary().customerId()).orElseThrow();
        assertThat(customer.name()).isEqualTo("Maija Meikäläinen");
        assertThat(customer.email()).isEqualTo("maija@example.fi");
        assertThat(customer.personalId()).isNull();
        assertThat(customer.organizationId()).isEqualTo(county.id());
        // the receiver's note carries the opaque id
        assertThat(received.messages()).anyMatch(m -> m.kind() == MessageKind.NOTE && m.body().contains(id.toString())
                && m.body().startsWith("Vastaanotettu organisaatiolta Testilä " + municipality.organization().slug()));
    }

    @Test
    void tickedMessagesAndAttachmentsArriveToo() {
        send(true, true);
        CaseDetail received = cases.detail(county.id(), receivedCase()).orElseThrow();
        assertThat(received.messages().getFirst().body()).contains("Äitini tarvitsee kotihoitoa").contains("Kunnan vastaus: selvitämme.");
        assertThat(received.messages().getFirst().attachments()).extracting(CaseMessage.AttachmentInfo::filename).containsExactly("lausunto.txt");
        // each quoted message says who wrote it, when (Helsinki time) and through which channel
        CaseDetail sent = cases.detail(municipality.id(), opened.id()).orElseThrow();
        Locale fi = Locale.forLanguageTag("fi");
        for (CaseMessage m : sent.messages()) {
            if (m.kind() == MessageKind.NOTE) continue;
            String who = m.kind() == MessageKind.INBOUND ? "Asiakas"
                    : "Lähettäjän vastaus (" + municipality.organization().name().fi() + ")";
            assertThat(received.messages().getFirst().body()).contains("— " + who + ", " + DateTimes.dateTime(m.createdAt(), fi)
                    + ", Verkkolomake:\n" + m.body());
        }
        // the files sent are named in the receiver's note and in both logs
        assertThat(received.messages()).anyMatch(m -> m.kind() == MessageKind.NOTE && m.body().endsWith(" Liitteet: lausunto.txt."));
        assertThat(accessLog.forCustomer(county.id(), received.summary().customerId(), 20))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("files: lausunto.txt"));
    }

    @Test
    void moreAttachmentsThanACaseTakesAreRefusedNamingThoseThatWouldNotFitNeverDropped() throws Exception {
        List<NewAttachment> five = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) five.add(new NewAttachment("liite" + i + ".txt", ("Liite " + i).getBytes(StandardCharsets.UTF_8)));
        cases.addCustomerMessage(municipality.id(), opened.id(), "Lisää liitteitä.", Channel.WEB_FORM, five);
        // six files in all: the sixth, liite5.txt, would not fit
        assertThatThrownBy(() -> send(true, true)).isInstanceOf(AspaException.class)
                .extracting(e -> ((AspaException) e).code()).isEqualTo("handover-attachments");
        assertThat(store.sentFrom(municipality.id(), opened.id())).isEmpty();
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(county.id().value())
                .query(Integer.class).single()).isZero();

        // the form says which, and sends nothing
        String html = pages.send(municipality.agent(), org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/workspace/cases/" + opened.id() + "/handover")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .param("receiver", county.id().value().toString()).param("summary", "Yhteenveto").param("basis", "LEGAL")
                .param("basisDetail", "Laki").param("includeAttachments", "true")).getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"handover-attachments-error\"")
                .contains("Siirtoon mahtuu enintään 5 liitettä. Nämä eivät mahtuisi: liite5.txt.");
        assertThat(store.sentFrom(municipality.id(), opened.id())).isEmpty();

        // without the files it goes, and nothing claims files were sent
        send(true, false);
        CaseDetail received = cases.detail(county.id(), receivedCase()).orElseThrow();
        assertThat(received.messages()).allMatch(m -> m.attachments().isEmpty());
        assertThat(received.messages()).noneMatch(m -> m.body().contains("Liitteet:"));
    }

    @Test
    void aTextLongerThanTheReceivingCaseTakesIsCutWithAMarkerAndTheNotesAndLogsSaySo() {
        // two messages of 11,200 characters each: more than the receiving case's 20,000 together
        cases.addCustomerMessage(municipality.id(), opened.id(), "Pitkä kertomus. ".repeat(700), Channel.WEB_FORM, List.of());
        cases.addCustomerMessage(municipality.id(), opened.id(), "Jatkoa kertomukseen. ".repeat(530) + "LOPPU", Channel.WEB_FORM, List.of());
        String max = java.text.NumberFormat.getIntegerInstance(Locale.forLanguageTag("fi")).format(20_000);
        UUID id = send(true, false);
        CaseDetail received = cases.detail(county.id(), receivedCase()).orElseThrow();
        String body = received.messages().getFirst().body();
        assertThat(body).hasSizeLessThanOrEqualTo(HandoverService.MAX_TEXT)
                .endsWith("\n\n[Teksti katkaistiin " + max + " merkkiin. Loput ovat lähettäjän asiassa.]")
                .doesNotContain("LOPPU").contains("Jatkoa kertomukseen.");
        assertThat(received.messages()).anyMatch(m -> m.kind() == MessageKind.NOTE && m.body().contains(id.toString())
                && m.body().endsWith(" Viestien teksti katkaistiin " + max + " merkkiin."));
        assertThat(cases.detail(municipality.id(), opened.id()).orElseThrow().messages())
                .anyMatch(m -> m.kind() == MessageKind.NOTE && m.body().contains(id.toString()) && m.body().contains("katkaistiin"));
        assertThat(accessLog.forCustomer(municipality.id(), opened.summary().customerId(), 20))
                .anyMatch(e -> e.purpose().equals(HandoverService.PURPOSE) && e.detail().contains("text truncated at 20000 characters"));
        assertThat(accessLog.forCustomer(county.id(), received.summary().customerId(), 20))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("text truncated at 20000 characters"));
    }

    @Test
    void theBasisIsRequiredAndOnlyAcceptingOrganizationsReceive() {
        assertThatThrownBy(() -> handovers.send(municipality.id(), municipality.agent().id(), opened.id(),
                new HandoverService.Request(county.id().value(), "Yhteenveto", null, "Suostumus", false, false)))
                .isInstanceOf(AspaException.class);
        assertThatThrownBy(() -> handovers.send(municipality.id(), municipality.agent().id(), opened.id(),
                new HandoverService.Request(county.id().value(), "Yhteenveto", Handover.Basis.LEGAL, "  ", false, false)))
                .isInstanceOf(AspaException.class);
        assertThatThrownBy(() -> handovers.send(municipality.id(), municipality.agent().id(), opened.id(),
                new HandoverService.Request(bystander.id().value(), "Yhteenveto", Handover.Basis.LEGAL, "Laki", false, false)))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("handover-receiver");
        assertThatThrownBy(() -> handovers.send(municipality.id(), municipality.agent().id(), opened.id(),
                new HandoverService.Request(municipality.id().value(), "Yhteenveto", Handover.Basis.LEGAL, "Laki", false, false)))
                .isInstanceOf(AspaException.class);
        // another organization's case cannot be handed over by this one
        assertThatThrownBy(() -> handovers.send(bystander.id(), bystander.agent().id(), opened.id(),
                new HandoverService.Request(county.id().value(), "Yhteenveto", Handover.Basis.LEGAL, "Laki", false, false)))
                .isInstanceOf(AspaException.class);
        assertThat(store.sentFrom(municipality.id(), opened.id())).isEmpty();
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(county.id().value())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void bothOrganizationsRecordItAndTheSenderSeesOnlyTheOutcome() {
        UUID id = send(false, false);
        UUID receivedId = receivedCase();
        // the sender: a history note and the disclosure in the personal-data access log
        CaseDetail sent = cases.detail(municipality.id(), opened.id()).orElseThrow();
        assertThat(sent.messages()).anyMatch(m -> m.kind() == MessageKind.NOTE && m.body().contains(id.toString())
                && m.authorStaffId().equals(municipality.agent().id()));
        UUID customerId = sent.summary().customerId();
        assertThat(accessLog.forCustomer(municipality.id(), customerId, 20))
                .anyMatch(e -> e.purpose().equals(HandoverService.PURPOSE) && e.detail().contains(id.toString())
                        && e.staffUserId().equals(municipality.agent().id()));
        // the receiver: its own case, opened by the system, with the hand-over in its history
        CaseDetail received = cases.detail(county.id(), receivedId).orElseThrow();
        assertThat(received.history()).anyMatch(h -> h.type().equals("OPENED"));
        assertThat(received.history()).anyMatch(h -> h.type().equals("NOTE_ADDED"));
        // who sent what, when and on what basis, in the receiver's case history (a system note) ...
        assertThat(received.messages()).anyMatch(m -> m.kind() == MessageKind.NOTE && m.authorStaffId() == null
                && m.body().contains(id.toString()) && m.body().contains("Lähettäjä: " + municipality.agent().displayName())
                && m.body().contains("Suostumus puhelimessa"));
        // ... and in the receiver's own personal-data access log, by the system (no staff member of the receiver acted)
        assertThat(accessLog.forCustomer(county.id(), received.summary().customerId(), 20)).singleElement().satisfies(e -> {
            assertThat(e.purpose()).isEqualTo(HandoverService.RECEIPT_PURPOSE);
            assertThat(e.staffUserId()).isNull();
            assertThat(e.staffName()).isNull();
            assertThat(e.detail()).contains(id.toString(), municipality.organization().slug(), municipality.agent().displayName(),
                    "SUBJECT", "CONSENT", "Suostumus puhelimessa");
        });
        // the sender's log has no receipt, the receiver's no disclosure, a bystander nothing
        assertThat(accessLog.forCustomer(municipality.id(), customerId, 20)).noneMatch(e -> e.purpose().equals(HandoverService.RECEIPT_PURPOSE));
        assertThat(db.sql("select count(*) from personal_data_access where organization_id = ?").param(bystander.id().value())
                .query(Integer.class).single()).isZero();

        // the receiver works on its case; the sender sees the status and nothing else
        cases.reply(county.id(), receivedId, Actor.staff(county.agent().id()), "Hyvinvointialueen salainen vastaus.", CaseStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(30)).until(() -> handovers.ofCase(municipality.id(), opened.id()).getFirst().receiverStatus() == CaseStatus.RESOLVED);
        Handover seen = handovers.ofCase(municipality.id(), opened.id()).getFirst();
        assertThat(seen.direction()).isEqualTo(Handover.Direction.SENT);
        assertThat(seen.id()).isEqualTo(id);
        assertThat(seen.otherOrganization().fi()).isEqualTo(county.organization().name().fi());
        assertThat(seen.toString()).doesNotContain("salainen").doesNotContain(receivedId.toString());
        Handover theirs = handovers.ofCase(county.id(), receivedId).getFirst();
        assertThat(theirs.direction()).isEqualTo(Handover.Direction.RECEIVED);
        assertThat(theirs.receiverStatus()).isNull();
        assertThat(theirs.toString()).doesNotContain(opened.id().toString());
    }

    @Test
    void theSenderLearnsWhatTheReceiverChangedAndWhenInItsOwnLanguageNotTheCustomers() throws Exception {
        // a Swedish-speaking customer; the municipality's agent works in Finnish
        UUID swede = customers.resolve(municipality.id(), fi.aspa.customer.ContactDetails.resident("Sven Svensson",
                "sven." + UUID.randomUUID().toString().substring(0, 8) + "@example.fi", null, fi.aspa.platform.Language.SV));
        OpenedCase svCase = cases.open(municipality.id(), new fi.aspa.cases.NewCase(Channel.WEB_FORM, swede, "Hemvård",
                "Jag behöver hemvård.", fi.aspa.platform.Language.SV, null, municipality.service().id(), null,
                java.util.Set.of(), List.of(), Actor.customer()));
        assertThat(municipality.agent().language()).isEqualTo(fi.aspa.platform.Language.FI);
        UUID id = handovers.send(municipality.id(), municipality.agent().id(), svCase.id(), new HandoverService.Request(
                county.id().value(), "Asiakas tarvitsee kotihoidon arvion.", Handover.Basis.CONSENT, "Suostumus puhelimessa", false, false));
        assertThat(cases.detail(municipality.id(), svCase.id()).orElseThrow().messages())
                .anyMatch(m -> m.kind() == MessageKind.NOTE && m.body().startsWith("Siirretty organisaatiolle " + county.organization().name().fi()));
        UUID receivedId = store.sentFrom(municipality.id(), svCase.id()).getFirst().receiverCaseId();
        Instant sentAt = handovers.ofCase(municipality.id(), svCase.id()).getFirst().receiverUpdatedAt();

        Thread.sleep(5); // the change is later than the hand-over
        cases.changeStatus(county.id(), receivedId, Actor.staff(county.agent().id()), CaseStatus.OPEN);
        // at once, in the receiver's own transaction: no waiting for a listener
        Handover seen = handovers.ofCase(municipality.id(), svCase.id()).getFirst();
        assertThat(seen.receiverStatus()).isEqualTo(CaseStatus.OPEN);
        assertThat(seen.receiverUpdatedAt()).isAfter(sentAt);
        assertThat(cases.detail(municipality.id(), svCase.id()).orElseThrow().messages()).filteredOn(m -> m.kind() == MessageKind.NOTE)
                .anyMatch(m -> m.authorStaffId() == null && m.body().equals("Vastaanottaja " + county.organization().name().fi()
                        + " muutti siirretyn asian tilaksi: Käsittelyssä (siirtotunnus " + id + ")."));
        // the receiving case gets no such note, and the sender's note says nothing else of the receiving case
        assertThat(cases.detail(county.id(), receivedId).orElseThrow().messages()).noneMatch(m -> m.body().contains("muutti siirretyn"));

        // the sender's case page says when the receiver last changed it, in the page's language
        Pattern updated = Pattern.compile("<time class=\"handovers__updated\" datetime=\"([^\"]+)\">([^<]+)</time>");
        for (String language : new String[] {"fi", "sv", "en"}) {
            String html = pages.in(language).page(municipality.agent(), "/workspace/cases/" + svCase.id());
            Matcher time = updated.matcher(html);
            assertThat(time.find()).as(language).isTrue();
            assertThat(OffsetDateTime.parse(time.group(1)).toInstant()).isEqualTo(seen.receiverUpdatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(time.group(2)).isEqualTo(DateTimes.dateTime(seen.receiverUpdatedAt(), Locale.forLanguageTag(language)));
        }
        assertThat(pages.in("sv").page(municipality.agent(), "/workspace/cases/" + svCase.id())).contains("Status ändrades där senast");
    }

    @Test
    void aStatusChangeOfAnyOtherCaseWritesNoEventPublicationForHandOvers(@Autowired PlatformTransactionManager tx) {
        OpenedCase other = fixtures.aCase(bystander, "Puistonpenkki", "Penkki on rikki.");
        send(false, false);
        UUID receivedId = receivedCase();
        new TransactionTemplate(tx).executeWithoutResult(status -> {
            cases.changeStatus(bystander.id(), other.id(), Actor.staff(bystander.agent().id()), CaseStatus.OPEN);
            cases.changeStatus(county.id(), receivedId, Actor.staff(county.agent().id()), CaseStatus.OPEN);
            for (UUID c : List.of(other.id(), receivedId)) {
                assertThat(db.sql("select listener_id from event_publication where serialized_event like ?").param("%" + c + "%")
                        .query(String.class).list()).as("no registry row of the hand-over listener").noneMatch(l -> l.contains("Handover"));
            }
            // the received case's status is written in its own transaction, before the commit
            assertThat(db.sql("select receiver_status from handover where receiver_case_id = ?").param(receivedId)
                    .query(String.class).single()).isEqualTo("OPEN");
        });
    }

    @Test
    void theCaseViewDatesTheHandOverInThePageLanguage() throws Exception {
        send(false, false);
        Pattern handedOver = Pattern.compile("<section[^>]*id=\"handovers\".*?<time datetime=\"([^\"]+)\">([^<]+)</time>", Pattern.DOTALL);
        for (String[] language : new String[][] {
                {"fi", "\\d{1,2}\\.\\d{1,2}\\.\\d{4} \\d{1,2}\\.\\d{2}"},
                {"sv", "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"},
                {"en", "\\d{2}/\\d{2}/\\d{4}, \\d{2}:\\d{2}"}}) {
            String html = pages.in(language[0]).page(municipality.agent(), "/workspace/cases/" + opened.id());
            Matcher time = handedOver.matcher(html);
            assertThat(time.find()).as(language[0]).isTrue();
            // machine-readable ISO with Helsinki's offset, to the second; read in the page's language
            assertThat(time.group(1)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+0[23]:00");
            assertThat(time.group(2)).matches(language[1])
                    .isEqualTo(DateTimes.dateTime(OffsetDateTime.parse(time.group(1)), Locale.forLanguageTag(language[0])));
        }
    }

    @Test
    void isolationHolds() {
        send(true, true);
        UUID receivedId = receivedCase();
        assertThat(cases.detail(municipality.id(), receivedId)).isEmpty();
        assertThat(cases.detail(county.id(), opened.id())).isEmpty();
        assertThat(handovers.ofCase(county.id(), opened.id())).isEmpty();
        assertThat(handovers.ofCase(municipality.id(), receivedId)).isEmpty();
        assertThat(handovers.ofCase(bystander.id(), opened.id())).isEmpty();
        assertThat(handovers.ofCase(bystander.id(), receivedId)).isEmpty();
        assertThat(store.sentFrom(county.id(), opened.id())).isEmpty();
        assertThat(store.receivedInto(municipality.id(), receivedId)).isEmpty();
        // a status change of a case with the same id in another organization cannot touch the outcome
        store.receiverStatus(bystander.id(), receivedId, CaseStatus.CLOSED, Instant.now());
        assertThat(handovers.ofCase(municipality.id(), opened.id()).getFirst().receiverStatus()).isEqualTo(CaseStatus.NEW);
    }
}
