package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.organization.Organizations;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the acknowledgement of a new email case reads from short-lived memories and in fewer statements still behaves
 * as before: an admin's change to the mailbox applies to the very next acknowledgement, the hourly limit per address
 * holds when acknowledgements to one address are sent at the same time, and the acknowledgement threads under the
 * opening message.
 */
@AspaTest
class EmailAcknowledgementTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    MailboxStore mailboxes;
    @Autowired
    MailboxPoller poller;
    @Autowired
    EmailStore store;
    @Autowired
    EmailOutbound outbound;
    @Autowired
    Organizations organizations;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcClient db;

    Fixtures.Org org;
    MailServer.Account account;
    UUID mailboxId;

    TransactionTemplate transactions;

    @BeforeEach
    void mailbox() {
        transactions = new TransactionTemplate(transactionManager);
        org = fixtures.organization();
        account = MailServer.account();
        mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), true));
    }

    UUID ingest(String from, String messageId) {
        MailServer.deliver(account, EmailIngestTest.message(from, "<" + messageId + ">", "Kysymys " + messageId, "Hei, kysyisin asiaa."));
        MailboxPoller.Result result = poller.poll(org.id(), mailboxId);
        assertThat(result.error()).isNull();
        assertThat(result.stored()).isEqualTo(1);
        return (UUID) store.flags(org.id(), messageId).get("case_id");
    }

    static List<MimeMessage> to(List<MimeMessage> mail, String recipient) {
        return mail.stream().filter(m -> {
            try {
                return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equalsIgnoreCase(recipient);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    int acksRecordedTo(String address) {
        return db.sql("select count(*) from email_message where organization_id = ? and kind = 'ACK' and address = ?")
                .params(org.id().value(), address).query(Integer.class).single();
    }

    @Test
    void anAdminsChangeToTheMailboxAppliesToTheNextAcknowledgementAtOnce() {
        ingest("eka@example.fi", "first-1@example.fi");
        fixtures.awaitSettled(org);
        assertThat(to(MailServer.sentFrom(account.address()), "eka@example.fi")).hasSize(1); // the settings are now remembered

        // acknowledgements turned off: the very next new case is not acknowledged
        MailboxInput on = MailServer.input(account, org.service().id(), true);
        assertThat(mailboxes.update(org.id(), mailboxId, MailServer.input(account, org.service().id(), false))).isTrue();
        ingest("toka@example.fi", "second-1@example.fi");
        fixtures.awaitSettled(org);
        assertThat(acksRecordedTo("toka@example.fi")).isZero();

        // on again, with another sender address: the next one goes from the new address
        MailServer.Account other = MailServer.account();
        MailboxInput moved = new MailboxInput(on.name(), on.unitId(), on.imapHost(), on.imapPort(), on.imapSecurity(),
                on.imapUsername(), on.imapPassword(), on.folder(), on.smtpHost(), on.smtpPort(), on.smtpSecurity(),
                on.smtpUsername(), on.smtpPassword(), other.address(), true, true);
        assertThat(mailboxes.update(org.id(), mailboxId, moved)).isTrue();
        ingest("kolmas@example.fi", "third-1@example.fi");
        fixtures.awaitSettled(org);
        assertThat(to(MailServer.sentFrom(other.address()), "kolmas@example.fi")).hasSize(1);
        assertThat(to(MailServer.sentFrom(account.address()), "kolmas@example.fi")).isEmpty();

        // disabled altogether: nothing is sent from it, not even for a case whose event comes again
        assertThat(mailboxes.setEnabled(org.id(), mailboxId, false)).isTrue();
        UUID secondCase = (UUID) store.flags(org.id(), "second-1@example.fi").get("case_id");
        transactions.executeWithoutResult(s -> outbound.acknowledge(org.id(), secondCase));
        assertThat(acksRecordedTo("toka@example.fi")).isZero();
        // and a mailbox of another organization is not found by this one's id, remembered or not
        assertThat(mailboxes.forSending(fixtures.organization().id(), mailboxId)).isEmpty();
    }

    @Test
    void theHourlyLimitHoldsForAcknowledgementsToOneAddressAtTheSameTime() throws Exception {
        // eight cases from one address whose acknowledgements were not sent (turned off when they came) ...
        mailboxes.update(org.id(), mailboxId, MailServer.input(account, org.service().id(), false));
        List<UUID> caseIds = new ArrayList<>();
        for (int i = 1; i <= 8; i++) caseIds.add(ingest("kiire@example.fi", "rush-" + i + "@example.fi"));
        fixtures.awaitSettled(org);
        assertThat(acksRecordedTo("kiire@example.fi")).isZero();

        // ... are acknowledged at once from eight transactions: the limit (5 an hour) holds
        mailboxes.update(org.id(), mailboxId, MailServer.input(account, org.service().id(), true));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(caseIds.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (UUID caseId : caseIds) {
                done.add(threads.submit(() -> {
                    start.await();
                    transactions.executeWithoutResult(s -> outbound.acknowledge(org.id(), caseId));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) f.get();
        } finally {
            threads.shutdown();
        }
        assertThat(acksRecordedTo("kiire@example.fi")).isEqualTo(5);
        assertThat(to(MailServer.sentFrom(account.address()), "kiire@example.fi")).hasSize(5);
    }

    @Test
    void theAcknowledgementThreadsUnderTheOpeningMessage() throws Exception {
        ingest("ketju@example.fi", "thread-1@example.fi");
        fixtures.awaitSettled(org);
        List<MimeMessage> acks = to(MailServer.sentFrom(account.address()), "ketju@example.fi");
        assertThat(acks).hasSize(1);
        assertThat(acks.getFirst().getHeader("In-Reply-To", ",")).isEqualTo("<thread-1@example.fi>");
        assertThat(acks.getFirst().getHeader("References", ",")).isEqualTo("<thread-1@example.fi>");
        assertThat(acks.getFirst().getHeader("Auto-Submitted", ",")).isEqualTo("auto-replied");
        // what was sent is what was recorded (the recorded bytes go out, not a second composition)
        var recorded = db.sql("select message_id, raw from email_message where organization_id = ? and kind = 'ACK'")
                .param(org.id().value()).query().singleRow();
        assertThat(acks.getFirst().getHeader("Message-ID", ",")).isEqualTo("<" + recorded.get("message_id") + ">");
        MimeMessage asRecorded = new MimeMessage(null, new java.io.ByteArrayInputStream((byte[]) recorded.get("raw")));
        assertThat(acks.getFirst().getContent()).isEqualTo(asRecorded.getContent());
        assertThat(acks.getFirst().getSubject()).isEqualTo(asRecorded.getSubject()).contains("Kysymys thread-1@example.fi");
    }

    @Test
    void aUnitIsFoundRightAfterItIsCreatedAndOnlyInItsOwnOrganization() {
        assertThat(organizations.unit(org.id(), org.service().id())).isPresent(); // remembered now
        assertThat(organizations.unit(fixtures.organization().id(), org.service().id())).isEmpty();
        var created = organizations.createUnit(org.id(), org.service().id(), new fi.aspa.platform.LocalizedText("Uusi yksikkö", "Ny enhet", "New unit"), null);
        assertThat(organizations.unit(org.id(), created.id())).map(u -> u.name().fi()).contains("Uusi yksikkö");
    }
}
