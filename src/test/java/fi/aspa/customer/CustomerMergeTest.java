package fi.aspa.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.cases.TimelineEntry;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recognition rules and merging on the real database: an unverified contact never joins someone else, a verified
 * one from a trusted source does; duplicates found with reasons; a merge moves cases (with history), contact points,
 * identity codes, chat sessions and walk-in tickets, leaves a tombstone and writes the merge log and the access log;
 * conflicting identity codes and other organizations are refused with nothing changed.
 */
@AspaTest
class CustomerMergeTest {
    @Autowired Fixtures fixtures;
    @Autowired Customers customers;
    @Autowired Cases cases;
    @Autowired PersonalDataLog accessLog;
    @Autowired Organizations organizations;
    @Autowired JdbcClient db;

    Fixtures.Org org;

    @BeforeEach
    void setUp() {
        org = fixtures.organization();
    }

    static String email() {
        return "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
    }

    UUID resident(String name, String email, String phone) {
        return customers.resolve(org.id(), ContactDetails.resident(name, email, phone, Language.FI));
    }

    UUID trusted(String name, String email, String phone, String personalId) {
        return customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, name, email, phone, personalId, null, null,
                Language.FI, true));
    }

    OpenedCase open(UUID customer, Channel channel, String subject) {
        return cases.open(org.id(), new NewCase(channel, customer, subject, "Viesti " + subject, Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), channel == Channel.PHONE ? Actor.staff(org.agent().id()) : Actor.customer()));
    }

    @Test
    void anUnverifiedContactNeverJoinsAnotherCustomerAVerifiedOneFromATrustedSourceDoes() {
        String mail = email();
        UUID web = resident("Maija Meikäläinen", mail, null);
        assertThat(resident("Maija Meikäläinen", mail, null)).as("unverified twice: two customers").isNotEqualTo(web);
        UUID api = trusted("Maija Meikäläinen", mail, null, null);
        assertThat(api).as("the trusted source's claim does not match an unverified contact").isNotEqualTo(web);
        assertThat(trusted("M. Meikäläinen", mail, null, null)).as("verified on both sides").isEqualTo(api);
        assertThat(resident("Maija Meikäläinen", mail, null)).as("an unverified claim of a verified contact").isNotEqualTo(api);

        // an agent verifies the web customer's phone: a trusted source with that phone then joins that customer
        String phone = "+35840" + (1_000_000 + (int) (Math.random() * 8_000_000));
        UUID caller = resident("Pekka Puhelias", null, phone);
        customers.setContactVerified(org.id(), org.agent().id(), caller, "PHONE", phone, true);
        assertThat(trusted("Pekka Puhelias", null, "0" + phone.substring(4), null)).isEqualTo(caller);
        assertThat(customers.contactAudit(org.id(), caller)).singleElement().satisfies(a -> {
            assertThat(a.how()).isEqualTo("STAFF");
            assertThat(a.staffUserId()).isEqualTo(org.agent().id());
            assertThat(a.verified()).isTrue();
        });
        assertThat(accessLog.forCustomer(org.id(), caller, 10)).anySatisfy(e -> assertThat(e.purpose()).isEqualTo("contact-verification"));
    }

    @Test
    void aTrustedSourceAddsVerifiesAndAuditsAContactOnceWhateverTheCustomerHadBefore() {
        String mail = email();
        String phone = "+35850" + (1_000_000 + (int) (Math.random() * 8_000_000));
        UUID customer = trusted("Sanna Suora", mail, null, null);
        assertThat(customers.find(org.id(), customer).orElseThrow().contactPoints()).singleElement()
                .satisfies(p -> assertThat(p.verified()).as("a new customer's contact from a trusted source").isTrue());
        assertThat(customers.contactAudit(org.id(), customer)).extracting(ContactAudit::how, ContactAudit::verified)
                .containsExactly(tuple("IDENTIFIED", true));

        // the same source again, now with a phone as well: the email stays as it was, the phone is added verified
        assertThat(trusted("Sanna Suora", mail, phone, null)).isEqualTo(customer);
        assertThat(customers.find(org.id(), customer).orElseThrow().contactPoints()).hasSize(2).allSatisfy(p -> assertThat(p.verified()).isTrue());
        assertThat(customers.contactAudit(org.id(), customer)).extracting(ContactAudit::kind)
                .as("one proof per contact, none for what was already verified").containsExactlyInAnyOrder("EMAIL", "PHONE");

        // an agent withdraws the phone's verification; the trusted source proves it again: verified again, audited again
        customers.setContactVerified(org.id(), org.agent().id(), customer, "PHONE", phone, false);
        assertThat(trusted("Sanna Suora", mail, phone, null)).isEqualTo(customer);
        assertThat(customers.find(org.id(), customer).orElseThrow().contactPoints()).hasSize(2).allSatisfy(p -> assertThat(p.verified()).isTrue());
        assertThat(customers.contactAudit(org.id(), customer)).filteredOn(a -> "PHONE".equals(a.kind()))
                .extracting(ContactAudit::how, ContactAudit::verified)
                .containsExactlyInAnyOrder(tuple("IDENTIFIED", true), tuple("STAFF", false), tuple("IDENTIFIED", true));

        // an untrusted source naming the same email adds nothing to this customer and proves nothing
        UUID web = resident("Sanna Suora", mail, null);
        assertThat(web).isNotEqualTo(customer);
        assertThat(customers.find(org.id(), web).orElseThrow().contactPoints()).singleElement()
                .satisfies(p -> assertThat(p.verified()).isFalse());
        assertThat(customers.contactAudit(org.id(), web)).isEmpty();
    }

    @Test
    void aContactVerifiedOnAnotherCustomerCannotBeVerifiedAgainAndUnknownContactsAreNotFound() {
        String mail = email();
        UUID verified = trusted("A", mail, null, null);
        UUID other = resident("B", mail, null);
        assertThatThrownBy(() -> customers.setContactVerified(org.id(), org.agent().id(), other, "EMAIL", mail, true))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("contact-verified-elsewhere");
        assertThatThrownBy(() -> customers.setContactVerified(org.id(), org.agent().id(), other, "EMAIL", "x" + mail, true))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("not-found");
        customers.setContactVerified(org.id(), org.agent().id(), verified, "EMAIL", mail, false);
        customers.setContactVerified(org.id(), org.agent().id(), other, "EMAIL", mail.toUpperCase(), true);
        assertThat(customers.find(org.id(), other).orElseThrow().contactPoints()).singleElement()
                .satisfies(p -> assertThat(p.verified()).isTrue());
        assertThat(customers.contactAudit(org.id(), verified)).extracting(ContactAudit::how, ContactAudit::verified)
                .containsExactly(tuple("STAFF", false), tuple("IDENTIFIED", true));
    }

    @Test
    void aReplyToOurOwnMessageVerifiesTheContact() {
        String mail = email();
        UUID customer = resident("Riikka", mail, null);
        customers.confirmContactByReply(org.id(), customer, "EMAIL", mail);
        assertThat(customers.find(org.id(), customer).orElseThrow().contactPoints()).singleElement()
                .satisfies(p -> assertThat(p.verified()).isTrue());
        assertThat(customers.contactAudit(org.id(), customer)).singleElement().satisfies(a -> assertThat(a.how()).isEqualTo("REPLY"));
        assertThat(trusted("Riikka", mail, null, null)).isEqualTo(customer);
    }

    @Test
    void duplicatesAreScoredWithReasonsWithinTheOrganizationOnly() {
        String mail = email();
        UUID a = resident("Maija Meikäläinen", mail, null);
        UUID sameEmail = resident("Maija M", mail, null);
        UUID sameNameSimilar = resident("maija meikäläinen", mail.replace("@example.fi", "@example.com"), null);
        UUID sameNameOnly = resident("Maija Meikäläinen", email(), null);
        UUID elsewhere = customers.resolve(fixtures.organization().id(), ContactDetails.resident("Maija Meikäläinen", mail, null, Language.FI));
        List<DuplicateCandidate> found = customers.duplicates(org.id(), a);
        assertThat(found).extracting(DuplicateCandidate::id).containsExactly(sameEmail, sameNameSimilar)
                .doesNotContain(sameNameOnly, elsewhere, a);
        assertThat(found.get(0).reasons()).containsExactly(DuplicateReason.SAME_EMAIL);
        assertThat(found.get(0).score()).isEqualTo(50);
        assertThat(found.get(1).reasons()).containsExactly(DuplicateReason.SAME_NAME, DuplicateReason.SIMILAR_EMAIL);
    }

    @Test
    void aMergeMovesEverythingLeavesATombstoneAndWritesTheAuditTrail() {
        String mail = email();
        UUID a = trusted("Maija Meikäläinen", mail, null, null);
        String phone = "+35850" + (1_000_000 + (int) (Math.random() * 8_000_000));
        UUID b = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Maija M", mail, phone, "131052-308T",
                null, null, Language.SV, false));
        OpenedCase web = open(a, Channel.WEB_FORM, "Lomake");
        OpenedCase call = open(b, Channel.PHONE, "Puhelu");
        OpenedCase chat = open(b, Channel.CHAT, "Chat");
        UUID session = CustomerRows.chatSession(db, org, chat.id(), b);
        UUID ticket = CustomerRows.queueTicket(db, organizations, org, b);

        CustomerMerge merge = customers.merge(org.id(), org.agent().id(), a, b, "Sama henkilö: sama sähköposti ja nimi");

        assertThat(cases.summary(org.id(), call.id()).orElseThrow().customerId()).isEqualTo(a);
        assertThat(cases.summary(org.id(), chat.id()).orElseThrow().customerId()).isEqualTo(a);
        assertThat(cases.timeline(org.id(), a, 50)).extracting(TimelineEntry::channel)
                .contains(Channel.WEB_FORM, Channel.PHONE, Channel.CHAT);
        assertThat(cases.timeline(org.id(), b, 50)).isEmpty();
        CaseDetail moved = cases.detail(org.id(), call.id()).orElseThrow();
        assertThat(moved.history()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("CUSTOMER_MERGED");
            assertThat(e.actorStaffId()).isEqualTo(org.agent().id());
            assertThat(e.detail()).containsEntry("from", b.toString()).containsEntry("to", a.toString());
        });
        assertThat(cases.detail(org.id(), web.id()).orElseThrow().history()).noneMatch(e -> e.type().equals("CUSTOMER_MERGED"));
        assertThat(db.sql("select customer_id from chat_session where id = ?").param(session).query(UUID.class).single()).isEqualTo(a);
        assertThat(db.sql("select customer_id from queue_ticket where id = ?").param(ticket).query(UUID.class).single()).isEqualTo(a);

        Customer survivor = customers.find(org.id(), a).orElseThrow();
        assertThat(survivor.personalId()).isEqualTo("131052-308T");
        assertThat(survivor.name()).isEqualTo("Maija Meikäläinen");
        assertThat(survivor.contactPoints()).extracting(Customer.ContactPoint::kind, Customer.ContactPoint::value, Customer.ContactPoint::verified)
                .containsExactlyInAnyOrder(tuple("EMAIL", mail, true),
                        tuple("PHONE", phone, false));
        Customer tombstone = customers.find(org.id(), b).orElseThrow();
        assertThat(tombstone.personalId()).isNull();
        assertThat(tombstone.contactPoints()).isEmpty();
        assertThat(customers.current(org.id(), b)).contains(a);
        assertThat(customers.current(org.id(), a)).contains(a);
        assertThat(customers.duplicates(org.id(), a)).extracting(DuplicateCandidate::id).doesNotContain(b);
        assertThat(customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "x", null, null, "131052-308T", null, null,
                Language.FI, true))).as("the identity code now recognizes the survivor").isEqualTo(a);

        assertThat(customers.merges(org.id(), a)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(merge.id());
            assertThat(m.from()).isEqualTo(b);
            assertThat(m.fromName()).isEqualTo("Maija M");
            assertThat(m.staffUserId()).isEqualTo(org.agent().id());
            assertThat(m.reason()).isEqualTo("Sama henkilö: sama sähköposti ja nimi");
            assertThat(m.moved()).containsEntry("contactPoints", 2).containsEntry("personalId", 1);
        });
        assertThat(accessLog.forCustomer(org.id(), a, 10)).anySatisfy(e -> {
            assertThat(e.purpose()).isEqualTo("customer-merge");
            assertThat(e.staffUserId()).isEqualTo(org.agent().id());
        });
        assertThat(accessLog.forCustomer(org.id(), b, 10)).anySatisfy(e -> assertThat(e.purpose()).isEqualTo("customer-merge"));

        assertThatThrownBy(() -> customers.merge(org.id(), org.agent().id(), a, b, "again"))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("merge-already-merged");

        // a later merge of the survivor carries the tombstone along
        UUID c = resident("Maija Meikäläinen", email(), null);
        customers.merge(org.id(), org.manager().id(), c, a, "Sama henkilö");
        assertThat(customers.current(org.id(), b)).contains(c);
        assertThat(cases.summary(org.id(), call.id()).orElseThrow().customerId()).isEqualTo(c);
    }

    @Test
    void conflictingIdentityCodesAreRefusedAndNothingMoves() {
        UUID a = trusted("Maija", null, null, "131052-308T");
        UUID b = trusted("Maija", null, null, "010181-900C");
        OpenedCase bCase = open(b, Channel.WEB_FORM, "B");
        assertThatThrownBy(() -> customers.merge(org.id(), org.agent().id(), a, b, "sama"))
                .isInstanceOf(AspaException.class).extracting(e -> ((AspaException) e).code()).isEqualTo("merge-identity-conflict");
        assertThat(cases.summary(org.id(), bCase.id()).orElseThrow().customerId()).isEqualTo(b);
        assertThat(customers.current(org.id(), b)).contains(b);
        assertThat(customers.merges(org.id(), a)).isEmpty();
    }

    @Test
    void badRequestsAreRefused() {
        UUID a = resident("A", email(), null);
        UUID business = customers.resolve(org.id(), new ContactDetails(CustomerKind.BUSINESS, "Oy Ab", null, null, null,
                null, null, Language.FI, false));
        assertThatThrownBy(() -> customers.merge(org.id(), org.agent().id(), a, a, "x"))
                .extracting(e -> ((AspaException) e).code()).isEqualTo("merge-same");
        assertThatThrownBy(() -> customers.merge(org.id(), org.agent().id(), a, business, "x"))
                .extracting(e -> ((AspaException) e).code()).isEqualTo("merge-kind-conflict");
        assertThatThrownBy(() -> customers.merge(org.id(), org.agent().id(), a, resident("B", null, null), "  "))
                .extracting(e -> ((AspaException) e).code()).isEqualTo("merge-reason-required");
    }

    @Test
    void customersOfAnotherOrganizationCannotBeMerged() {
        Fixtures.Org other = fixtures.organization();
        UUID mine = resident("Maija", email(), null);
        UUID theirs = customers.resolve(other.id(), ContactDetails.resident("Maija", email(), null, Language.FI));
        OpenedCase theirCase = cases.open(other.id(), new NewCase(Channel.WEB_FORM, theirs, "s", "b", Language.FI, null, null,
                null, Set.of(), List.of(), Actor.customer()));
        assertThatThrownBy(() -> customers.merge(org.id(), org.agent().id(), mine, theirs, "x"))
                .extracting(e -> ((AspaException) e).code()).isEqualTo("not-found");
        assertThatThrownBy(() -> customers.merge(other.id(), other.agent().id(), mine, theirs, "x"))
                .extracting(e -> ((AspaException) e).code()).isEqualTo("not-found");
        assertThat(cases.summary(other.id(), theirCase.id()).orElseThrow().customerId()).isEqualTo(theirs);
        assertThat(customers.current(org.id(), theirs)).isEmpty();
    }
}
