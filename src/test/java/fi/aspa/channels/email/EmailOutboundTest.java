package fi.aspa.channels.email;

import static fi.aspa.channels.email.EmailParserTest.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.StaffPages;
import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.cases.OpenedCase;
import fi.aspa.customer.Customers;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;

/**
 * Mail out, end to end through a real SMTP server (GreenMail): agent replies with threading headers from the
 * unit's address in the customer's language, acknowledgements of new cases, each sent once however often its
 * event is delivered, and nothing ever sent to automatic mail.
 */
@AspaTest
class EmailOutboundTest {
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
    EmailRetry retry;
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

    UUID ingest(byte[] raw, String messageKey) {
        MailServer.deliver(account, raw);
        MailboxPoller.Result result = poller.poll(org.id(), mailboxId);
        assertThat(result.claimed()).isTrue();
        assertThat(result.error()).isNull();
        return (UUID) store.flags(org.id(), messageKey).get("case_id");
    }

    /**
     * Waits until every event of this test's organization has been handled by its listeners (they run after
     * the commit, asynchronously): then whatever was going to be sent has been sent.
     */
    void awaitListeners() {
        fixtures.awaitSettled(org);
    }

    /** What our mailbox sent to one address. */
    List<MimeMessage> sentTo(String recipient) {
        return MailServer.sentFrom(account.address()).stream().filter(m -> {
            try {
                return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equalsIgnoreCase(recipient);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    List<MimeMessage> sentTo(String recipient, String autoSubmitted) {
        return sentTo(recipient).stream().filter(m -> autoSubmitted.equals(header(m, "Auto-Submitted"))).toList();
    }

    static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage message) {
        try {
            return ((String) message.getContent()).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAgentsReplyGoesOutThreadedFromTheUnitsAddressInTheCustomersLanguage() throws Exception {
        UUID caseId = ingest(corpus("03-inline-image.eml"), "inline-image-1@example.se");
        String reference = cases.summary(org.id(), caseId).orElseThrow().reference();

        // the acknowledgement, in Swedish, with the reference
        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo("sven@example.se", "auto-replied").size() == 1);
        MimeMessage ack = sentTo("sven@example.se", "auto-replied").getFirst();
        assertThat(subject(ack)).isEqualTo("Vi har tagit emot ditt meddelande: Trasig parkbänk [" + reference + "]");
        assertThat(header(ack, "In-Reply-To")).isEqualTo("<inline-image-1@example.se>");
        assertThat(header(ack, "X-Auto-Response-Suppress")).isEqualTo("All");
        assertThat(body(ack)).startsWith("Hej Sven Svensson,").contains("nummer " + reference, "Kundservice");

        UUID replyId = cases.reply(org.id(), caseId, Actor.staff(org.agent().id()), "Bänken lagas på måndag.", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo("sven@example.se", "no").size() == 1);
        MimeMessage reply = sentTo("sven@example.se", "no").getFirst();
        assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo(account.address());
        assertThat(((InternetAddress) reply.getFrom()[0]).getPersonal()).startsWith("Kundservice – Testby");
        assertThat(subject(reply)).isEqualTo("Sv: Trasig parkbänk [" + reference + "]");
        assertThat(header(reply, "In-Reply-To")).isEqualTo("<inline-image-1@example.se>");
        String ackId = ack.getMessageID();
        assertThat(header(reply, "References")).isEqualTo("<inline-image-1@example.se> " + ackId);
        assertThat(header(reply, "Content-Language")).isEqualTo("sv");
        assertThat(reply.getContentType()).contains("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(body(reply)).isEqualTo("""
                Hej Sven Svensson,

                Bänken lagas på måndag.

                Med vänliga hälsningar
                Kundservice
                %s

                Ditt ärendes nummer är %s. Du kan fortsätta ärendet genom att svara på detta meddelande.""".formatted(
                org.organization().name().sv(), reference));
        Map<String, Object> sent = store.flags(org.id(), reply.getMessageID().replaceAll("[<>]", ""));
        assertThat(sent).containsEntry("kind", "REPLY").containsEntry("case_message_id", replyId).containsEntry("case_id", caseId);

        // the customer answers the reply: In-Reply-To our Message-ID brings it to the same case
        String answer = "From: Sven Svensson <sven@example.se>\r\nTo: " + account.address() + "\r\nSubject: Tack\r\n"
                + "Message-ID: <answer-1@example.se>\r\nIn-Reply-To: " + reply.getMessageID() + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nTack för snabbt svar!\r\n";
        assertThat(ingest(answer.getBytes(StandardCharsets.UTF_8), "answer-1@example.se")).isEqualTo(caseId);
        assertThat(cases.detail(org.id(), caseId).orElseThrow().messages()).extracting(CaseMessage::body)
                .contains("Tack för snabbt svar!");
        assertThat(sentTo("sven@example.se", "auto-replied")).hasSize(1); // a reply in a case is not acknowledged
        // answering our own message proves the address: the customer's email is verified now (how = REPLY)
        UUID customer = cases.summary(org.id(), caseId).orElseThrow().customerId();
        assertThat(customers.find(org.id(), customer).orElseThrow().contactPoints())
                .filteredOn(p -> p.value().equals("sven@example.se")).singleElement()
                .satisfies(p -> assertThat(p.verified()).isTrue());
        assertThat(customers.contactAudit(org.id(), customer)).singleElement().satisfies(a -> assertThat(a.how()).isEqualTo("REPLY"));
    }

    @Test
    void filesAttachedToAReplyOnTheCasePageGoOutAsAttachmentsOfTheMail(@Autowired StaffPages pages) throws Exception {
        UUID caseId = ingest(corpus("01-multipart-alternative.eml"), "CAF1a2b3c4d5e6f7@mail.example.fi");
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        // the agent's reply as the case page sends it
        int status = pages.mvc().perform(multipart("/workspace/cases/" + caseId + "/reply")
                        .file(new MockMultipartFile("attachments", "Päätös 2026.pdf", "application/pdf", pdf))
                        .file(new MockMultipartFile("attachments", "kartta.png", "image/png", png))
                        .param("body", "Päätös ja kartta ovat liitteinä.").with(pages.as(org.agent())).with(csrf())
                        .header("Accept-Language", "fi"))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(302);

        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo("maija.meikalainen@example.fi", "no").size() == 1);
        MimeMessage reply = sentTo("maija.meikalainen@example.fi", "no").getFirst();
        assertThat(reply.getContentType()).startsWith("multipart/mixed");
        MimeMultipart parts = (MimeMultipart) reply.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        BodyPart text = parts.getBodyPart(0);
        assertThat(text.getContentType()).contains("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(text.getDisposition()).isNull();
        assertThat(((String) text.getContent()).replace("\r\n", "\n"))
                .startsWith("Hei Maija Meikäläinen,\n\nPäätös ja kartta ovat liitteinä.\n\nYstävällisin terveisin\n");
        BodyPart first = parts.getBodyPart(1);
        assertThat(first.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(first.getFileName()).isEqualTo("Päätös 2026.pdf");
        assertThat(first.getContentType()).startsWith("application/pdf");
        assertThat(first.getInputStream().readAllBytes()).isEqualTo(pdf);
        BodyPart second = parts.getBodyPart(2);
        assertThat(second.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(second.getFileName()).isEqualTo("kartta.png");
        assertThat(second.getContentType()).startsWith("image/png");
        assertThat(second.getInputStream().readAllBytes()).isEqualTo(png);
        // recorded as sent, with the files, under the reply's key: a redelivered event sends nothing again
        UUID replyId = cases.detail(org.id(), caseId).orElseThrow().messages().stream()
                .filter(m -> m.kind() == fi.aspa.cases.MessageKind.OUTBOUND).findFirst().orElseThrow().id();
        byte[] raw = db.sql("select raw from email_message where organization_id = ? and case_message_id = ?")
                .params(org.id().value(), replyId).query(byte[].class).single();
        assertThat(new String(raw, StandardCharsets.US_ASCII)).contains("Content-Disposition: attachment")
                .contains(java.util.Base64.getMimeEncoder().encodeToString(png).split("\r\n")[0]);
        awaitListeners();
        outbound.reply(org.id(), caseId, replyId);
        assertThat(sentTo("maija.meikalainen@example.fi", "no")).hasSize(1);
    }

    @Test
    void mailThatOnlyNamesTheCustomersOwnMessageDoesNotVerifyTheAddress() {
        UUID caseId = ingest(corpus("03-inline-image.eml"), "inline-image-1@example.se");
        String again = "From: Sven Svensson <sven@example.se>\r\nTo: " + account.address() + "\r\nSubject: Lisää\r\n"
                + "Message-ID: <again-1@example.se>\r\nIn-Reply-To: <inline-image-1@example.se>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nVielä yksi asia.\r\n";
        assertThat(ingest(again.getBytes(StandardCharsets.UTF_8), "again-1@example.se")).isEqualTo(caseId);
        UUID customer = cases.summary(org.id(), caseId).orElseThrow().customerId();
        assertThat(customers.find(org.id(), customer).orElseThrow().contactPoints()).allSatisfy(p -> assertThat(p.verified()).isFalse());
    }

    @Test
    void aRedeliveredEventSendsOnce() {
        UUID caseId = ingest(corpus("01-multipart-alternative.eml"), "CAF1a2b3c4d5e6f7@mail.example.fi");
        UUID replyId = cases.reply(org.id(), caseId, Actor.staff(org.agent().id()), "Korjaamme valon tällä viikolla.", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo("maija.meikalainen@example.fi", "no").size() == 1);
        MimeMessage reply = sentTo("maija.meikalainen@example.fi", "no").getFirst();
        assertThat(subject(reply)).startsWith("Re: Katuvalo ei toimi Koivukujalla [ASPA-");
        assertThat(body(reply)).startsWith("Hei Maija Meikäläinen,\n\nKorjaamme valon tällä viikolla.\n\nYstävällisin terveisin\nAsiakaspalvelu\n");

        // the registry delivers the same events again (a restart before their completion was recorded)
        awaitListeners();
        outbound.on(new ReplyPosted(org.id(), caseId, replyId, Channel.EMAIL));
        outbound.acknowledge(org.id(), caseId);
        outbound.reply(org.id(), caseId, replyId);
        assertThat(sentTo("maija.meikalainen@example.fi", "no")).hasSize(1);
        assertThat(sentTo("maija.meikalainen@example.fi", "auto-replied")).hasSize(1);
    }

    @Test
    void automaticMailIsNeverAnsweredNorAcknowledged() {
        // an out-of-office reply that threads nowhere, a bounce, mail that asks for no automatic answer,
        // mail from our own address: cases or records, but no mail back
        String ooo = new String(corpus("08-auto-reply.eml"), StandardCharsets.UTF_8)
                .replace("In-Reply-To: <CAF1a2b3c4d5e6f7@mail.example.fi>\r\n", "")
                .replace("References: <CAF1a2b3c4d5e6f7@mail.example.fi>\r\n", "");
        UUID oooCase = ingest(ooo.getBytes(StandardCharsets.UTF_8), "auto-reply-1@mail.example.fi");
        assertThat(oooCase).isNotNull();
        ingest(corpus("09-dsn-bounce.eml"), "20261123130005.ABCDEF@mx.testila.fi");
        ingest(EmailIngestTest.message("lista@example.org", "<list-1@example.org>", "Uutiskirje", "Uutisia."), "list-1@example.org");
        String suppress = "From: olli@example.net\r\nTo: " + account.address() + "\r\nSubject: Kysymys\r\nMessage-ID: <suppress-1@example.net>\r\n"
                + "X-Auto-Response-Suppress: All\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOnko kirjasto auki?\r\n";
        ingest(suppress.getBytes(StandardCharsets.UTF_8), "suppress-1@example.net");
        ingest(EmailIngestTest.message(account.address(), "<own-1@testila.fi>", "Silmukka?", "Oma osoite."), "own-1@testila.fi");
        // a normal message after them, whose acknowledgement shows that the mail before it has been handled
        ingest(EmailIngestTest.message("normal@example.fi", "<normal-1@example.fi>", "Tavallinen", "Hei, kysyisin asiaa."),
                "normal-1@example.fi");
        awaitListeners();
        assertThat(sentTo("normal@example.fi")).hasSize(1);
        assertThat(sentTo("maija.meikalainen@example.fi")).isEmpty();
        assertThat(sentTo("mailer-daemon@mx.testila.fi")).isEmpty();
        assertThat(sentTo("olli@example.net")).isEmpty();
        assertThat(sentTo(account.address())).isEmpty();
        assertThat(MailServer.sentFrom(account.address())).filteredOn(m -> header(m, "Auto-Submitted") != null)
                .hasSize(2); // the acknowledgements to lista@ and normal@ (the other one is the looped mail itself)
        assertThat(store.flags(org.id(), "suppress-1@example.net")).containsEntry("no_auto_reply", true).containsEntry("auto_submitted", false);

        // an agent's reply to the out-of-office case is a human reply: it goes out, marked as one
        cases.reply(org.id(), oooCase, Actor.staff(org.agent().id()), "Palaamme asiaan.", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo("maija.meikalainen@example.fi", "no").size() == 1);
    }

    @Test
    void acknowledgementsAreLimitedPerAddressAndCanBeTurnedOff() {
        for (int i = 1; i <= 6; i++) {
            ingest(EmailIngestTest.message("busy@example.fi", "<busy-" + i + "@example.fi>", "Asia " + i, "Hei, asia numero " + i + "."),
                    "busy-" + i + "@example.fi");
        }
        awaitListeners();
        assertThat(sentTo("busy@example.fi", "auto-replied")).hasSize(5);

        MailServer.Account quiet = MailServer.account();
        MailboxInput noAck = MailServer.input(quiet, org.building().id(), false);
        UUID quietBox = mailboxes.create(org.id(), noAck);
        MailServer.deliver(quiet, EmailIngestTest.message("calm@example.fi", "<calm-1@example.fi>", "Asia", "Hei."));
        assertThat(poller.poll(org.id(), quietBox).stored()).isEqualTo(1);
        UUID caseId = (UUID) store.flags(org.id(), "calm-1@example.fi").get("case_id");
        assertThat(cases.summary(org.id(), caseId).orElseThrow().unitId()).isEqualTo(org.building().id());
        // a reply from the building unit goes from its own mailbox, which never acknowledged anything
        cases.reply(org.id(), caseId, Actor.staff(org.colleague().id()), "Vastaus.", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> MailServer.sentFrom(quiet.address()).size() == 1);
        assertThat(header(MailServer.sentFrom(quiet.address()).getFirst(), "Auto-Submitted")).isEqualTo("no");
    }

    @Test
    void repliesInCasesOfOtherChannelsAreLeftToThoseChannels() {
        OpenedCase webCase = fixtures.aCase(org, "Lomakkeelta", "Tuli lomakkeella.");
        cases.reply(org.id(), webCase.id(), Actor.staff(org.agent().id()), "Vastaus lomakkeen asiaan.", null);
        awaitListeners();
        assertThat(sentTo("maija@example.fi")).isEmpty();
        assertThat(db.sql("select count(*) from email_message where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aFailedSendIsRetriedFromTheEventRegistry() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MailboxInput input = MailServer.input(account, org.service().id(), false);
        MailboxInput broken = new MailboxInput(input.name(), input.unitId(), input.imapHost(), input.imapPort(),
                input.imapSecurity(), input.imapUsername(), input.imapPassword(), input.folder(), "127.0.0.1", closedPort,
                Mailbox.Security.NONE, null, null, input.fromAddress(), true, false);
        mailboxes.update(org.id(), mailboxId, broken);
        UUID caseId = ingest(corpus("05-iso-8859-1-body.eml"), "latin1-1@example.fi");
        cases.reply(org.id(), caseId, Actor.staff(org.agent().id()), "Tarkistamme laskun.", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("""
                select count(*) from event_publication where completion_date is null and serialized_event like ?
                  and listener_id like '%EmailOutbound%' and status = 'FAILED'""")
                .param("%" + caseId + "%").query(Integer.class).single() == 1); // the send was tried, and failed
        assertThat(sentTo("paivi@example.fi")).isEmpty();
        assertThat(db.sql("select count(*) from email_message where organization_id = ? and kind = 'REPLY'")
                .param(org.id().value()).query(Integer.class).single()).isZero(); // rolled back with the failed send

        mailboxes.update(org.id(), mailboxId, input); // the SMTP server is back
        retry.resubmit();
        await().atMost(Duration.ofSeconds(60)).until(() -> sentTo("paivi@example.fi", "no").size() == 1);
        assertThat(body(sentTo("paivi@example.fi", "no").getFirst())).contains("Hei Päivi Hämäläinen,", "Tarkistamme laskun.");
        awaitListeners();
        retry.resubmit();
        awaitListeners();
        assertThat(sentTo("paivi@example.fi", "no")).hasSize(1);
    }
}
