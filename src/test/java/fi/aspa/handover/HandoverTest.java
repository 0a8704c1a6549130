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
        assertThat(first.body()).isEqualTo("Asiakas tarvitsee kotihoidon arvion.");
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
