package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * New conversations of a transaction group are opened with the batch APIs ({@code CaseBatches}, {@code CustomerBatches}):
 * each message still becomes its own case with its own customer, its row points at the case and the message that opened
 * it, a Message-ID that comes twice in the group is stored once, and a message whose attachment the cases module
 * refuses (which refuses the whole batch) is taken in on its own as before, with the file left out and noted, while
 * the others of its group are kept.
 */
@AspaTest
class EmailBatchIngestTest {
    static final int MESSAGES = 12;
    static final int REFUSED = 5;

    @Autowired Fixtures fixtures;
    @Autowired MailboxStore mailboxes;
    @Autowired MailboxPoller poller;
    @Autowired EmailProperties properties;
    @Autowired Cases cases;
    @Autowired EmailIngest ingest;
    @Autowired JdbcClient db;

    @Test
    void aGroupOfNewConversationsBecomesOneCaseEachAndARefusedAttachmentLosesNothing() {
        assertThat(properties.transactionSize()).as("the defaults group messages").isGreaterThanOrEqualTo(MESSAGES);
        Fixtures.Org org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        UUID mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < MESSAGES; i++) MailServer.deliver(account, message(run, i, i == REFUSED));
        MailServer.deliver(account, message(run, 2, false)); // the same Message-ID again, in the same group

        MailboxPoller.Result result = poller.poll(org.id(), mailboxId);
        assertThat(result.error()).isNull();
        assertThat(result.failed()).isZero();
        assertThat(result.fetched()).isEqualTo(MESSAGES + 1);
        assertThat(result.stored()).isEqualTo(MESSAGES);
        assertThat(result.duplicates()).isEqualTo(1);

        List<Map<String, Object>> rows = db.sql("""
                select message_key, kind, case_id, case_message_id, address from email_message
                where organization_id = ? and direction = 'INBOUND' order by message_key""").param(org.id().value()).query().listOfRows();
        assertThat(rows).hasSize(MESSAGES).allSatisfy(r -> assertThat(r.get("kind")).isEqualTo("NEW_CASE"));
        assertThat(rows.stream().map(r -> r.get("case_id")).distinct()).hasSize(MESSAGES);
        for (Map<String, Object> row : rows) {
            CaseDetail detail = cases.detail(org.id(), (UUID) row.get("case_id")).orElseThrow();
            assertThat(row.get("case_message_id")).as("the message that opened the case").isEqualTo(detail.messages().getFirst().id());
            assertThat(detail.messages().getFirst().kind()).isEqualTo(MessageKind.INBOUND);
            assertThat(detail.summary().unitId()).isEqualTo(org.service().id());
            assertThat(detail.summary().tags()).containsExactly("mailbox:" + account.address().toLowerCase(java.util.Locale.ROOT));
            int i = Integer.parseInt(((String) row.get("message_key")).split("-")[1]);
            assertThat(detail.summary().subject()).isEqualTo("Kysymys " + i);
            assertThat(detail.messages().getFirst().body()).startsWith("Hei, kysyisin asiasta numero " + i + ".");
            if (i == REFUSED) {
                assertThat(detail.messages()).hasSize(2);
                assertThat(detail.messages().getFirst().attachments()).extracting(a -> a.filename()).containsExactly("liite.pdf");
                assertThat(detail.messages().get(1).kind()).isEqualTo(MessageKind.NOTE);
                assertThat(detail.messages().get(1).body()).contains("ohjelma.exe");
            } else if (i % 4 == 1) {
                assertThat(detail.messages()).hasSize(1);
                assertThat(detail.messages().getFirst().attachments()).singleElement()
                        .satisfies(a -> assertThat(a.contentType()).isEqualTo("application/pdf"));
            } else {
                assertThat(detail.messages()).hasSize(1);
                assertThat(detail.messages().getFirst().attachments()).isEmpty();
            }
        }
        assertThat(db.sql("""
                select count(distinct c.customer_id) from support_case c join contact_point p on p.customer_id = c.customer_id
                where c.organization_id = ? and p.kind = 'EMAIL' and not p.verified""").param(org.id().value())
                .query(Integer.class).single()).as("each sender a new customer with an unverified address").isEqualTo(MESSAGES);
        assertThat(MailServer.unseen(account)).isZero();
        assertThat(poller.poll(org.id(), mailboxId).fetched()).isZero();
    }

    @Test
    void aGroupWithAMessageStoredMeanwhileIsRolledBackWholeAndTakenInOneByOne() {
        Fixtures.Org org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        UUID mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
        Mailbox mailbox = mailboxes.find(org.id(), mailboxId).orElseThrow();
        String run = UUID.randomUUID().toString();
        List<EmailIngest.Incoming> group = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> message(run, i, false)).map(raw -> new EmailIngest.Incoming(raw, ingest.parse(raw))).toList();
        // another node stored the third one after this node looked for stored keys
        assertThat(ingest.ingest(mailbox, group.get(2).raw(), group.get(2).mail())).isEqualTo(EmailIngest.Outcome.NEW_CASE);

        assertThat(ingest.ingestGroup(mailbox, group)).as("rolled back").isEmpty();
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(group.stream().map(in -> ingest.ingest(mailbox, in.raw(), in.mail())).toList()).containsExactly(
                EmailIngest.Outcome.NEW_CASE, EmailIngest.Outcome.NEW_CASE, EmailIngest.Outcome.DUPLICATE, EmailIngest.Outcome.NEW_CASE);
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).isEqualTo(4);
    }

    /**
     * Replies go in parallel lanes by conversation: five conversations, each with replies to the first message and to
     * each other and an auto-reply, interleaved in the mailbox, still end up each in its own case in mailbox order.
     */
    @Test
    void repliesInParallelLanesStayInTheirConversationsInMailboxOrder() {
        Fixtures.Org org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        UUID mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
        String run = UUID.randomUUID().toString();
        int conversations = 5;
        for (int c = 0; c < conversations; c++) MailServer.deliver(account, message(run, c, false));
        for (int r = 1; r <= 4; r++) {
            for (int c = 0; c < conversations; c++) {
                String parent = "<" + (r == 1 ? "m-" + c : "r-" + c + "-" + (r - 1)) + "-" + run + "@example.fi>";
                String id = "<r-" + c + "-" + r + "-" + run + "@example.fi>";
                String auto = r == 3 ? "Auto-Submitted: auto-replied\r\n" : "";
                MailServer.deliver(account, ("From: Asukas " + c + " <asukas-" + c + "@example.fi>\r\nTo: kirjaamo@testila.fi\r\n"
                        + "Message-ID: " + id + "\r\nIn-Reply-To: " + parent + "\r\nReferences: " + parent + "\r\n" + auto
                        + "Date: Mon, 23 Nov 2026 09:00:00 +0200\r\nMIME-Version: 1.0\r\nSubject: Re: Kysymys " + c
                        + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVastaus " + r + " keskusteluun " + c + ".\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        MailboxPoller.Result result = poller.poll(org.id(), mailboxId);
        assertThat(result.error()).isNull();
        assertThat(result.failed()).isZero();
        assertThat(result.stored()).isEqualTo(conversations * 5);
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).isEqualTo(conversations);
        for (int c = 0; c < conversations; c++) {
            UUID caseId = db.sql("select case_id from email_message where organization_id = ? and message_key = ?")
                    .params(org.id().value(), "m-" + c + "-" + run + "@example.fi").query(UUID.class).single();
            List<String> bodies = cases.detail(org.id(), caseId).orElseThrow().messages().stream()
                    .map(m -> m.body().lines().filter(l -> l.contains("Vastaus") || l.contains("Hei")).findFirst().orElse(m.body()))
                    .toList();
            assertThat(bodies).as("conversation " + c).hasSize(5);
            assertThat(bodies.get(0)).startsWith("Hei, kysyisin asiasta numero " + c + ".");
            for (int r = 1; r <= 4; r++) assertThat(bodies.get(r)).contains("Vastaus " + r + " keskusteluun " + c + ".");
        }
    }

    static byte[] message(String run, int i, boolean program) {
        String boundary = "b" + i;
        String pdf = Base64.getMimeEncoder().encodeToString(("%PDF-1.4\n% liite " + i + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
        String exe = Base64.getMimeEncoder().encodeToString(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0});
        String head = "From: Asukas " + i + " <asukas-" + i + "@example.fi>\r\nTo: kirjaamo@testila.fi\r\nMessage-ID: <m-" + i + "-"
                + run + "@example.fi>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0200\r\nMIME-Version: 1.0\r\nSubject: Kysymys " + i + "\r\n";
        String text = "Hei, kysyisin asiasta numero " + i + ".\r\n";
        if (!program && i % 4 != 1) {
            return (head + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text)
                    .getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder mail = new StringBuilder(head).append("Content-Type: multipart/mixed; boundary=\"").append(boundary)
                .append("\"\r\n\r\n--").append(boundary).append("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").append(text)
                .append("\r\n--").append(boundary).append("\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n")
                .append("Content-Disposition: attachment; filename=\"liite.pdf\"\r\n\r\n").append(pdf).append("\r\n");
        if (program) {
            mail.append("--").append(boundary).append("\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n")
                    .append("Content-Disposition: attachment; filename=\"ohjelma.exe\"\r\n\r\n").append(exe).append("\r\n");
        }
        return mail.append("--").append(boundary).append("--\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
