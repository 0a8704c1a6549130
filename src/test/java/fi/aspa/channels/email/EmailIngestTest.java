package fi.aspa.channels.email;

import static fi.aspa.channels.email.EmailParserTest.corpus;
import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.MessageKind;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.platform.Language;
import fi.aspa.platform.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mail in, end to end: a real IMAP server (GreenMail), the poller, the database. Every message of the corpus
 * ends in the right case, customer and flags; polling again changes nothing; a crash between the commit and the
 * \Seen flag loses and duplicates nothing; replies find their case by headers or by the reference.
 */
@AspaTest
class EmailIngestTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    MailboxStore mailboxes;
    @Autowired
    MailboxPoller poller;
    @Autowired
    EmailStore store;
    @Autowired
    Cases cases;
    @Autowired
    Customers customers;
    @Autowired
    JdbcClient db;

    Fixtures.Org org;
    MailServer.Account account;
    UUID mailboxId;

    @BeforeEach
    void mailbox() {
        org = fixtures.organization();
        account = MailServer.account();
        mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), true));
    }

    MailboxPoller.Result poll() {
        MailboxPoller.Result result = poller.poll(org.id(), mailboxId);
        assertThat(result.claimed()).isTrue();
        return result;
    }

    Map<String, Object> stored(String messageKey) {
        return store.flags(org.id(), messageKey);
    }

    UUID caseOf(String messageKey) {
        return (UUID) stored(messageKey).get("case_id");
    }

    CaseDetail detail(UUID caseId) {
        return cases.detail(org.id(), caseId).orElseThrow();
    }

    int emailRows() {
        return db.sql("select count(*) from email_message where organization_id = ? and direction = 'INBOUND'").param(org.id().value()).query(Integer.class).single();
    }

    int caseCount() {
        return db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value()).query(Integer.class).single();
    }

    @Test
    void everyCorpusMessageEndsInTheRightCase() {
        List<String> corpus = List.of("01-multipart-alternative.eml", "02-html-only-script.eml", "03-inline-image.eml",
                "04-attachments.eml", "05-iso-8859-1-body.eml", "06-windows-1252-subject.eml", "07-outlook-reply.eml",
                "08-auto-reply.eml", "09-dsn-bounce.eml", "10-missing-message-id.eml", "11-broken-boundary.eml",
                "12-8bit-headers.eml", "13-8bit-latin1-headers.eml", "14-forwarded.eml");
        corpus.forEach(name -> MailServer.deliver(account, corpus(name)));

        MailboxPoller.Result result = poll();
        assertThat(result.error()).isNull();
        assertThat(result.fetched()).isEqualTo(14);
        assertThat(result.stored()).isEqualTo(14);
        assertThat(MailServer.unseen(account)).isZero();
        assertThat(emailRows()).isEqualTo(14);
        assertThat(caseCount()).isEqualTo(11); // 07 continues 01; 08 and 09 are notes on it

        // 01: a new case for a new (unverified) customer, in the mailbox's unit, in Finnish
        UUID street = caseOf("CAF1a2b3c4d5e6f7@mail.example.fi");
        CaseDetail streetCase = detail(street);
        assertThat(streetCase.summary().channel()).isEqualTo(Channel.EMAIL);
        assertThat(streetCase.summary().subject()).isEqualTo("Katuvalo ei toimi Koivukujalla");
        assertThat(streetCase.summary().unitId()).isEqualTo(org.service().id());
        assertThat(streetCase.summary().language()).isEqualTo(Language.FI);
        Customer maija = customers.find(org.id(), streetCase.summary().customerId()).orElseThrow();
        assertThat(maija.name()).isEqualTo("Maija Meikäläinen");
        assertThat(maija.contactPoints()).containsExactly(new Customer.ContactPoint("EMAIL", "maija.meikalainen@example.fi", false));
        assertThat(stored("CAF1a2b3c4d5e6f7@mail.example.fi")).containsEntry("kind", "NEW_CASE")
                .containsEntry("case_message_id", streetCase.messages().getFirst().id());

        // 07 (Outlook reply, In-Reply-To 01), 08 (auto-reply: a note), 09 (bounce of 01: a note)
        List<CaseMessage> thread = streetCase.messages();
        assertThat(thread).extracting(CaseMessage::kind)
                .containsExactly(MessageKind.INBOUND, MessageKind.INBOUND, MessageKind.NOTE, MessageKind.NOTE);
        assertThat(thread.get(0).body()).contains("Ilta on pimeä ja koululaiset kulkevat siitä.");
        assertThat(thread.get(1).body()).startsWith("Lisätieto: valo välkkyy nyt myös talon 14 kohdalla.");
        assertThat(thread.get(1).channel()).isEqualTo(Channel.EMAIL);
        assertThat(thread.get(2).body()).startsWith("Automaattinen vastaus osoitteesta maija.meikalainen@example.fi")
                .contains("Olen lomalla 30.11. asti.");
        assertThat(thread.get(3).body()).startsWith("Sähköpostia ei voitu toimittaa")
                .contains("maija.meikalainen@example.fi: failed (5.1.1)");
        assertThat(stored("AM0PR07MB1234567890ABCDEF@AM0PR07MB1234.eurprd07.prod.outlook.com"))
                .containsEntry("kind", "CUSTOMER_MESSAGE").containsEntry("case_id", street)
                .containsEntry("case_message_id", thread.get(1).id()).containsEntry("auto_submitted", false);
        assertThat(stored("auto-reply-1@mail.example.fi")).containsEntry("kind", "NOTE").containsEntry("case_id", street)
                .containsEntry("auto_submitted", true).containsEntry("no_auto_reply", true).containsEntry("bounce", false);
        assertThat(stored("20261123130005.ABCDEF@mx.testila.fi")).containsEntry("kind", "NOTE").containsEntry("case_id", street)
                .containsEntry("bounce", true).containsEntry("auto_submitted", true);
        // the customer's reply arrived while the case was new: it stays new; the auto-reply and the bounce did not touch it
        assertThat(streetCase.summary().status()).isEqualTo(CaseStatus.NEW);

        // 02: HTML only, without its script
        CaseDetail html = detail(caseOf("html-only-1@example.com"));
        assertThat(html.messages().getFirst().body()).contains("jo kaksi viikkoa").doesNotContain("alert", "evil.example");

        // 03: Swedish, with its inline image as an attachment
        CaseDetail bench = detail(caseOf("inline-image-1@example.se"));
        assertThat(bench.summary().language()).isEqualTo(Language.SV);
        assertThat(customers.find(org.id(), bench.summary().customerId()).orElseThrow().preferredLanguage()).isEqualTo(Language.SV);
        assertThat(bench.messages().getFirst().attachments()).singleElement()
                .satisfies(a -> assertThat(a.filename()).isEqualTo("bank.png"))
                .satisfies(a -> assertThat(a.contentType()).isEqualTo("image/png"));

        // 04: the PDF is kept, the program is refused by the attachment policy: the message stays, with a note
        CaseDetail permit = detail(caseOf("attachments-1@example.fi"));
        assertThat(permit.messages()).hasSize(2);
        assertThat(permit.messages().getFirst().attachments()).extracting(CaseMessage.AttachmentInfo::filename)
                .containsExactly("asemapiirros käsin.pdf");
        assertThat(permit.messages().get(1).kind()).isEqualTo(MessageKind.NOTE);
        assertThat(permit.messages().get(1).body()).contains("Kaikkia sähköpostin liitteitä ei tallennettu", "ohjelma.exe");

        // 05, 06: charsets
        assertThat(detail(caseOf("latin1-1@example.fi")).summary().subject()).isEqualTo("Päivähoitomaksu");
        assertThat(detail(caseOf("latin1-1@example.fi")).messages().getFirst().body()).contains("päivähoitomaksuni on väärin");
        CaseDetail invoice = detail(caseOf("win1252-1@example.net"));
        assertThat(invoice.summary().subject()).isEqualTo("Lasku 100 € – “väärä” summa");
        assertThat(invoice.messages().getFirst().body()).contains("100 €", "“väärä”");

        // 10: no Message-ID, keyed by its bytes
        String hashKey = "sha256:" + Tokens.sha256(corpus("10-missing-message-id.eml"));
        assertThat(detail(caseOf(hashKey)).summary().subject()).isEqualTo("Ei viestitunnistetta");

        // 11: malformed, kept raw and flagged, with a note in its case
        assertThat(stored("broken-boundary-1@example.fi")).containsEntry("malformed", true).containsEntry("kind", "NEW_CASE");
        CaseDetail broken = detail(caseOf("broken-boundary-1@example.fi"));
        assertThat(broken.messages().getFirst().body()).contains("Viestin teksti on täällä, vaikka rakenne on rikki.");
        assertThat(broken.messages()).anySatisfy(m -> assertThat(m.body()).startsWith("Sähköpostiviesti oli rakenteeltaan virheellinen"));
        byte[] raw = db.sql("select raw from email_message where organization_id = ? and message_key = ?")
                .params(org.id().value(), "broken-boundary-1@example.fi").query(byte[].class).single();
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains("this-boundary-is-never-used", "--some-other-boundary");

        // 12, 13: raw 8-bit headers
        CaseDetail library = detail(caseOf("8bit-headers-1@example.fi"));
        assertThat(library.summary().subject()).isEqualTo("Hämeenlinnan kirjasto – aukioloajat?");
        assertThat(customers.find(org.id(), library.summary().customerId()).orElseThrow().name()).isEqualTo("Åsa Öberg-Äijälä");
        assertThat(detail(caseOf("8bit-latin1-1@example.fi")).summary().subject()).isEqualTo("Jäänestokuoppa Ässäkadulla");

        // 14: a forwarded message's text is in the case
        assertThat(detail(caseOf("forwarded-1@example.fi")).messages().getFirst().body())
                .contains("Välitän naapurin viestin", "Työmaalla paukutetaan jo kuudelta aamulla.");
    }

    @Test
    void pollingAgainStoresNothingTwice() {
        MailServer.deliver(account, corpus("01-multipart-alternative.eml"));
        MailServer.deliver(account, corpus("10-missing-message-id.eml"));
        assertThat(poll().stored()).isEqualTo(2);
        assertThat(poll().fetched()).isZero();

        MailServer.markAllUnseen(account); // e.g. another client marked them unread, or the \Seen flags were lost
        MailboxPoller.Result again = poll();
        assertThat(again.fetched()).isEqualTo(2);
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.stored()).isZero();
        assertThat(emailRows()).isEqualTo(2);
        assertThat(caseCount()).isEqualTo(2);
        assertThat(MailServer.unseen(account)).isZero();

        MailServer.deliver(account, corpus("01-multipart-alternative.eml")); // the same message delivered twice
        assertThat(poll().duplicates()).isEqualTo(1);
        assertThat(caseCount()).isEqualTo(2);
    }

    @Test
    void aCrashBetweenTheCommitAndTheSeenFlagLosesNothingAndDuplicatesNothing() {
        MailServer.deliver(account, corpus("01-multipart-alternative.eml"));
        MailServer.deliver(account, corpus("03-inline-image.eml"));
        AtomicInteger marks = new AtomicInteger();
        MailboxPoller.Result crashed = poller.poll(org.id(), mailboxId, (folder, messages) -> {
            marks.incrementAndGet();
            throw new jakarta.mail.MessagingException("connection reset (simulated crash)");
        });
        assertThat(marks).hasValue(1);
        assertThat(crashed.error()).contains("simulated crash");
        assertThat(crashed.stored()).isEqualTo(2); // both were committed, then marking them failed
        assertThat(MailServer.unseen(account)).isEqualTo(2);
        assertThat(caseCount()).isEqualTo(2);

        MailboxPoller.Result recovered = poll();
        assertThat(recovered.fetched()).isEqualTo(2);
        assertThat(recovered.duplicates()).isEqualTo(2);
        assertThat(recovered.stored()).isZero();
        assertThat(MailServer.unseen(account)).isZero();
        assertThat(caseCount()).isEqualTo(2);
        assertThat(emailRows()).isEqualTo(2);
        assertThat(mailboxes.find(org.id(), mailboxId).orElseThrow().lastError()).isNull();
    }

    @Test
    void theCaseReferenceInTheSubjectContinuesTheCaseOnlyForItsCustomer() {
        MailServer.deliver(account, corpus("01-multipart-alternative.eml"));
        poll();
        UUID street = caseOf("CAF1a2b3c4d5e6f7@mail.example.fi");
        String reference = detail(street).summary().reference();

        MailServer.deliver(account, message("maija.meikalainen@example.fi", "<by-ref-1@example.fi>",
                "Vs: katuvalo " + reference.toLowerCase(), "Lamppu on yhä rikki."));
        MailServer.deliver(account, message("someone.else@example.org", "<by-ref-2@example.org>",
                "Asia " + reference, "Minäkin haluan kommentoida."));
        poll();
        assertThat(caseOf("by-ref-1@example.fi")).isEqualTo(street);
        assertThat(detail(street).messages()).extracting(CaseMessage::body).contains("Lamppu on yhä rikki.");
        assertThat(caseOf("by-ref-2@example.org")).isNotEqualTo(street);
        assertThat(stored("by-ref-2@example.org")).containsEntry("kind", "NEW_CASE");
    }

    @Test
    void anUnthreadedBounceIsOnlyRecorded() {
        byte[] bounce = new String(corpus("09-dsn-bounce.eml"), StandardCharsets.US_ASCII)
                .replace("<CAF1a2b3c4d5e6f7@mail.example.fi>", "<unknown-original@elsewhere.example>")
                .getBytes(StandardCharsets.US_ASCII);
        MailServer.deliver(account, bounce);
        assertThat(poll().stored()).isEqualTo(1);
        assertThat(stored("20261123130005.ABCDEF@mx.testila.fi")).containsEntry("kind", "RECORDED")
                .containsEntry("bounce", true).containsEntry("case_id", null);
        assertThat(caseCount()).isZero();
    }

    @Test
    void oneNodeAtATimeHoldsAMailbox() {
        assertThat(mailboxes.claim(org.id(), mailboxId, "node-a", java.time.Duration.ofMinutes(1))).isPresent();
        assertThat(mailboxes.claim(org.id(), mailboxId, "node-b", java.time.Duration.ofMinutes(1))).isEmpty();
        assertThat(poller.poll(org.id(), mailboxId).claimed()).isFalse();
        assertThat(mailboxes.renew(mailboxId, "node-b", java.time.Duration.ofMinutes(1))).isFalse();
        mailboxes.release(mailboxId, "node-a", java.time.Duration.ZERO, null);
        assertThat(poll().claimed()).isTrue();
        mailboxes.setEnabled(org.id(), mailboxId, false); // a disabled mailbox is not read
        MailServer.deliver(account, corpus("01-multipart-alternative.eml"));
        assertThat(poller.poll(org.id(), mailboxId).claimed()).isFalse();
        assertThat(MailServer.unseen(account)).isEqualTo(1);
        mailboxes.setEnabled(org.id(), mailboxId, true);

        // due mailboxes: what one node holds, no other node claims, however many look at once
        UUID second = mailboxes.create(org.id(), MailServer.input(MailServer.account(), org.building().id(), true));
        List<UUID> claimedByA = new ArrayList<>();
        List<UUID> claimedByB = new ArrayList<>();
        try {
            for (int i = 0; i < 1000 && !claimedByA.contains(second); i++) {
                mailboxes.claimDue("node-a", java.time.Duration.ofMinutes(1)).ifPresent(m -> claimedByA.add(m.id()));
                if (claimedByA.isEmpty() || claimedByA.getLast() == null) break;
            }
            assertThat(claimedByA).contains(second);
            for (int i = 0; i < 1000; i++) {
                var b = mailboxes.claimDue("node-b", java.time.Duration.ofMinutes(1));
                if (b.isEmpty()) break;
                claimedByB.add(b.get().id());
            }
            assertThat(claimedByB).doesNotContainAnyElementsOf(claimedByA);
        } finally {
            claimedByA.forEach(id -> mailboxes.release(id, "node-a", java.time.Duration.ZERO, null));
            claimedByB.forEach(id -> mailboxes.release(id, "node-b", java.time.Duration.ZERO, null));
        }
    }

    @Test
    void passwordsAreEncryptedAtRest() {
        String imap = db.sql("select imap_password from email_mailbox where id = ?").param(mailboxId).query(String.class).single();
        assertThat(imap).startsWith("v1:").doesNotContain(account.password());
        assertThat(poll().error()).isNull(); // and the poller opens it to log in
    }

    static byte[] message(String from, String messageId, String subject, String body) {
        return ("From: " + from + "\r\nTo: kirjaamo@testila.fi\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
                + "\r\nDate: Tue, 24 Nov 2026 10:00:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8"
                + "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
