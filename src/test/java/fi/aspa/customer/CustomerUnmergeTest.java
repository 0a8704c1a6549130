package fi.aspa.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.Actor;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.NewCase;
import fi.aspa.cases.OpenedCase;
import fi.aspa.identity.PersonalDataLog;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Undoing a merge on the real database: exactly what the merge moved goes back (cases with history, chat sessions,
 * walk-in tickets, earlier tombstones, contact points as they were on both sides, the identity code, the
 * verification audit), what came to the survivor after the merge stays, and the merge log and the access log say who
 * undid it and why. Merges from before merges recorded what they moved, undone ones and ones merged on are refused.
 */
@AspaTest
class CustomerUnmergeTest {
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
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.fi";
    }

    static String phone() {
        return "+35850" + (1_000_000 + (int) (Math.random() * 8_000_000));
    }

    UUID resident(String name, String email, String phone) {
        return customers.resolve(org.id(), ContactDetails.resident(name, email, phone, Language.FI));
    }

    OpenedCase open(UUID customer, Channel channel, String subject) {
        return cases.open(org.id(), new NewCase(channel, customer, subject, "Viesti " + subject, Language.FI, null,
                org.service().id(), null, Set.of(), List.of(), channel == Channel.PHONE ? Actor.staff(org.agent().id()) : Actor.customer()));
    }

    static String code(Throwable e) {
        return ((AspaException) e).code();
    }

    @Test
    void undoingAMergeMovesBackExactlyWhatItMovedAndLeavesTheRest() {
        String mail = email();
        String sharedPhone = phone();
        String ownPhone = phone();
        UUID a = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Maija Meikäläinen", mail, null, null,
                null, null, Language.FI, true)); // email verified
        db.sql("insert into contact_point (id, organization_id, customer_id, kind, value, verified, created_at) values (?, ?, ?, 'PHONE', ?, false, now())")
                .params(Ids.next(), org.id().value(), a, sharedPhone).update(); // a knows the phone, unverified
        UUID b = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "Maija M", mail, ownPhone, "131052-308T",
                null, null, Language.SV, false));
        db.sql("insert into contact_point (id, organization_id, customer_id, kind, value, verified, created_at) values (?, ?, ?, 'PHONE', ?, false, now())")
                .params(Ids.next(), org.id().value(), b, sharedPhone).update();
        customers.setContactVerified(org.id(), org.agent().id(), b, "PHONE", sharedPhone, true); // verified on b, audited
        String olderMail = email();
        UUID older = resident("Maija Vanha", olderMail, null);
        customers.merge(org.id(), org.agent().id(), b, older, "Vanha kopio");

        OpenedCase web = open(a, Channel.WEB_FORM, "Lomake");
        OpenedCase call = open(b, Channel.PHONE, "Puhelu");
        OpenedCase chat = open(b, Channel.CHAT, "Chat");
        UUID session = CustomerRows.chatSession(db, org, chat.id(), b);
        UUID ticket = CustomerRows.queueTicket(db, organizations, org, b);

        CustomerMerge merge = customers.merge(org.id(), org.agent().id(), a, b, "Sama henkilö");
        assertThat(merge.undoable()).isTrue();
        assertThat(customers.find(org.id(), a).orElseThrow().contactPoints())
                .extracting(Customer.ContactPoint::value, Customer.ContactPoint::verified)
                .contains(tuple(sharedPhone, true), tuple(ownPhone, false));
        OpenedCase after = open(a, Channel.EMAIL, "Yhdistämisen jälkeen"); // came to the survivor after the merge: stays

        CustomerMerge undone = customers.unmerge(org.id(), org.manager().id(), merge.id(), "Eri henkilöt: eri syntymäaika");

        assertThat(undone.undoneBy()).isEqualTo(org.manager().id());
        assertThat(undone.undoable()).isFalse();
        assertThat(customers.current(org.id(), b)).contains(b);
        assertThat(customers.current(org.id(), older)).as("the earlier tombstone points to b again").contains(b);
        Customer restored = customers.find(org.id(), b).orElseThrow();
        assertThat(restored.personalId()).isEqualTo("131052-308T");
        assertThat(restored.name()).isEqualTo("Maija M");
        assertThat(restored.contactPoints()).extracting(Customer.ContactPoint::kind, Customer.ContactPoint::value, Customer.ContactPoint::verified)
                .containsExactlyInAnyOrder(tuple("EMAIL", mail, false), tuple("EMAIL", olderMail, false),
                        tuple("PHONE", ownPhone, false), tuple("PHONE", sharedPhone, true));
        Customer survivor = customers.find(org.id(), a).orElseThrow();
        assertThat(survivor.personalId()).isNull();
        assertThat(survivor.name()).isEqualTo("Maija Meikäläinen");
        assertThat(survivor.contactPoints()).extracting(Customer.ContactPoint::kind, Customer.ContactPoint::value, Customer.ContactPoint::verified)
                .containsExactlyInAnyOrder(tuple("EMAIL", mail, true), tuple("PHONE", sharedPhone, false));
        assertThat(customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "x", null, null, "131052-308T", null, null,
                Language.FI, true))).as("the identity code recognizes b again").isEqualTo(b);
        assertThat(customers.contactAudit(org.id(), b)).extracting(ContactAudit::value).containsExactly(sharedPhone);
        assertThat(customers.contactAudit(org.id(), a)).extracting(ContactAudit::value).doesNotContain(sharedPhone);

        assertThat(cases.summary(org.id(), call.id()).orElseThrow().customerId()).isEqualTo(b);
        assertThat(cases.summary(org.id(), chat.id()).orElseThrow().customerId()).isEqualTo(b);
        assertThat(cases.summary(org.id(), web.id()).orElseThrow().customerId()).isEqualTo(a);
        assertThat(cases.summary(org.id(), after.id()).orElseThrow().customerId()).isEqualTo(a);
        assertThat(cases.detail(org.id(), call.id()).orElseThrow().history()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("CUSTOMER_UNMERGED");
            assertThat(e.actorStaffId()).isEqualTo(org.manager().id());
            assertThat(e.detail()).containsEntry("from", a.toString()).containsEntry("to", b.toString());
        });
        assertThat(cases.detail(org.id(), after.id()).orElseThrow().history()).noneMatch(e -> e.type().equals("CUSTOMER_UNMERGED"));
        assertThat(db.sql("select customer_id from chat_session where id = ?").param(session).query(UUID.class).single()).isEqualTo(b);
        assertThat(db.sql("select customer_id from queue_ticket where id = ?").param(ticket).query(UUID.class).single()).isEqualTo(b);

        assertThat(customers.merges(org.id(), a)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(merge.id());
            assertThat(m.undoneBy()).isEqualTo(org.manager().id());
            assertThat(m.undoneAt()).isNotNull();
            assertThat(m.undoReason()).isEqualTo("Eri henkilöt: eri syntymäaika");
        });
        assertThat(accessLog.forCustomer(org.id(), a, 10)).anySatisfy(e -> {
            assertThat(e.purpose()).isEqualTo("customer-unmerge");
            assertThat(e.staffUserId()).isEqualTo(org.manager().id());
        });
        assertThat(accessLog.forCustomer(org.id(), b, 10)).anySatisfy(e -> assertThat(e.purpose()).isEqualTo("customer-unmerge"));

        assertThatThrownBy(() -> customers.unmerge(org.id(), org.manager().id(), merge.id(), "uudestaan"))
                .extracting(CustomerUnmergeTest::code).isEqualTo("unmerge-already-undone");
        // and the two can be merged again, and that undone again
        CustomerMerge again = customers.merge(org.id(), org.agent().id(), a, b, "Sittenkin sama");
        customers.unmerge(org.id(), org.manager().id(), again.id(), "Ei sittenkään");
        assertThat(cases.summary(org.id(), call.id()).orElseThrow().customerId()).isEqualTo(b);
    }

    @Test
    void aContactVerifiedOnSomeoneElseSinceTheMergeComesBackUnverified() {
        String mail = email();
        UUID a = resident("A", email(), null);
        UUID b = customers.resolve(org.id(), new ContactDetails(CustomerKind.PERSON, "B", mail, null, null, null, null,
                Language.FI, true)); // verified on b
        CustomerMerge merge = customers.merge(org.id(), org.agent().id(), a, b, "sama");
        // it turns out to be someone else's address
        customers.setContactVerified(org.id(), org.agent().id(), a, "EMAIL", mail, false);
        UUID c = resident("C", mail, null);
        customers.setContactVerified(org.id(), org.agent().id(), c, "EMAIL", mail, true);

        customers.unmerge(org.id(), org.manager().id(), merge.id(), "eri henkilöt");

        assertThat(customers.find(org.id(), b).orElseThrow().contactPoints()).singleElement()
                .satisfies(p -> assertThat(p.verified()).as("verified on c now").isFalse());
        assertThat(customers.find(org.id(), c).orElseThrow().contactPoints()).singleElement()
                .satisfies(p -> assertThat(p.verified()).isTrue());
        assertThat(customers.find(org.id(), a).orElseThrow().contactPoints()).extracting(Customer.ContactPoint::value)
                .doesNotContain(mail);
    }

    @Test
    void aMergeMergedOnOrRecordedBeforeOrElsewhereCannotBeUndone() {
        UUID a = resident("A", email(), null);
        UUID b = resident("B", email(), null);
        UUID c = resident("C", email(), null);
        CustomerMerge first = customers.merge(org.id(), org.agent().id(), a, b, "sama");
        customers.merge(org.id(), org.agent().id(), c, a, "sama");
        assertThatThrownBy(() -> customers.unmerge(org.id(), org.manager().id(), first.id(), "väärin"))
                .extracting(CustomerUnmergeTest::code).isEqualTo("unmerge-merged-on");
        assertThat(customers.current(org.id(), b)).contains(c);

        UUID d = resident("D", email(), null);
        UUID e = resident("E", email(), null);
        OpenedCase eCase = open(e, Channel.WEB_FORM, "E");
        CustomerMerge old = customers.merge(org.id(), org.agent().id(), d, e, "sama");
        db.sql("update customer_merge set undo = null where id = ?").param(old.id()).update(); // as merges before V240
        assertThat(customers.merges(org.id(), d)).singleElement().satisfies(m -> assertThat(m.undoable()).isFalse());
        assertThatThrownBy(() -> customers.unmerge(org.id(), org.manager().id(), old.id(), "väärin"))
                .extracting(CustomerUnmergeTest::code).isEqualTo("unmerge-not-recorded");
        assertThat(cases.summary(org.id(), eCase.id()).orElseThrow().customerId()).isEqualTo(d);

        UUID f = resident("F", email(), null);
        UUID g = resident("G", email(), null);
        CustomerMerge fg = customers.merge(org.id(), org.agent().id(), f, g, "sama");
        assertThatThrownBy(() -> customers.unmerge(org.id(), org.manager().id(), fg.id(), " "))
                .extracting(CustomerUnmergeTest::code).isEqualTo("unmerge-reason-required");
        Fixtures.Org other = fixtures.organization();
        assertThatThrownBy(() -> customers.unmerge(other.id(), other.manager().id(), fg.id(), "väärin"))
                .extracting(CustomerUnmergeTest::code).isEqualTo("not-found");
        assertThat(customers.current(org.id(), g)).contains(f);
    }
}
