package fi.aspa.channels.email;

import static fi.aspa.channels.email.EmailParserTest.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * Direct delivery over SMTP, sent by a real SMTP client (Angus Mail's transport) to the receiver the tests run on
 * a free port (limit 1 MB). What the client was answered 250 is committed by the time the client returns.
 */
@AspaTest
class SmtpReceiverTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    MailboxStore mailboxes;
    @Autowired
    SmtpReceiver receiver;
    @Autowired
    Cases cases;
    @Autowired
    JdbcClient db;

    Fixtures.Org org;
    String address;
    UUID mailboxId;

    @BeforeEach
    void mailbox() {
        org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        address = account.address();
        mailboxId = mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));
    }

    @Test
    void aMessageSentBySmtpBecomesACaseBeforeTheClientIsAnswered() throws Exception {
        assertThat(receiver.port()).isPositive();
        send(EmailIngestTest.message("Maija Meikäläinen <maija.smtp@example.fi>", "<smtp-1@example.fi>",
                "Katuvalo ei toimi", "Valo on ollut pimeänä viikon."), address.toUpperCase(java.util.Locale.ROOT));

        // no waiting: 250 came after the commit
        Map<String, Object> row = row("smtp-1@example.fi");
        assertThat(row).containsEntry("kind", "NEW_CASE").containsEntry("mailbox_id", mailboxId)
                .containsEntry("malformed", false);
        CaseDetail opened = cases.detail(org.id(), (UUID) row.get("case_id")).orElseThrow();
        assertThat(opened.summary().channel()).isEqualTo(Channel.EMAIL);
        assertThat(opened.summary().subject()).isEqualTo("Katuvalo ei toimi");
        assertThat(opened.summary().unitId()).isEqualTo(org.service().id());
        assertThat(opened.messages().getFirst().body()).contains("Valo on ollut pimeänä viikon.");
        assertThat(new String((byte[]) row.get("raw"), StandardCharsets.UTF_8)).contains("Message-ID: <smtp-1@example.fi>");
    }

    @Test
    void anUnknownRecipientIsRefusedAtRcptWith550() {
        Throwable refused = catchThrowable(() -> send(EmailIngestTest.message("Maija <maija@example.fi>",
                "<smtp-unknown@example.fi>", "Kenelle?", "Tämä ei ole kenenkään."), "tuntematon-" + UUID.randomUUID() + "@testila.fi"));
        assertThat(returnCode(refused, SMTPAddressFailedException.class)).isEqualTo(550);

        mailboxes.setEnabled(org.id(), mailboxId, false); // a disabled mailbox takes nothing either
        Throwable disabled = catchThrowable(() -> send(EmailIngestTest.message("Maija <maija@example.fi>",
                "<smtp-disabled@example.fi>", "Kiinni", "Laatikko on pois päältä."), address));
        assertThat(returnCode(disabled, SMTPAddressFailedException.class)).isEqualTo(550);
        assertThat(rows()).isZero();
    }

    @Test
    void anOversizedMessageIsRefusedWith552AndNothingIsKept() throws Exception {
        String big = "Liian pitkä viesti. ".repeat(60_000); // 1.2 MB, over the 1 MB limit
        Throwable refused = catchThrowable(() -> send(EmailIngestTest.message("Maija <maija@example.fi>",
                "<smtp-big@example.fi>", "Iso", big), address));
        assertThat(returnCode(refused, SMTPSendFailedException.class)).isEqualTo(552);
        assertThat(rows()).isZero();

        // the receiver is still in step: the next message goes in
        send(EmailIngestTest.message("Maija <maija@example.fi>", "<smtp-small@example.fi>", "Pieni", "Lyhyt."), address);
        assertThat(row("smtp-small@example.fi")).containsEntry("kind", "NEW_CASE");
    }

    @Test
    void aMessageSentTwiceIsStoredOnce() throws Exception {
        byte[] raw = EmailIngestTest.message("Matti <matti.smtp@example.fi>", "<smtp-twice@example.fi>", "Kahdesti",
                "Lähettävä palvelin yritti uudelleen.");
        send(raw, address);
        send(raw, address); // the sender did not see the first 250 and tries again: accepted, not stored again
        assertThat(rows()).isEqualTo(1);
        assertThat(db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aMalformedMessageIsKeptRawAndFlagged() throws Exception {
        send(corpus("11-broken-boundary.eml"), address);
        Map<String, Object> row = row("broken-boundary-1@example.fi");
        assertThat(row).containsEntry("malformed", true).containsEntry("kind", "NEW_CASE");
        assertThat(new String((byte[]) row.get("raw"), StandardCharsets.UTF_8))
                .contains("--some-other-boundary", "Viestin teksti on täällä, vaikka rakenne on rikki.");
        CaseDetail opened = cases.detail(org.id(), (UUID) row.get("case_id")).orElseThrow();
        assertThat(opened.messages().getFirst().body()).contains("Viestin teksti on täällä");
    }

    @Test
    void recipientsAreReadAsAddresses() {
        assertThat(SmtpReceiver.address("<Kirjaamo@Testila.FI>")).isEqualTo("kirjaamo@testila.fi");
        assertThat(SmtpReceiver.address("kirjaamo@testila.fi")).isEqualTo("kirjaamo@testila.fi");
        assertThat(SmtpReceiver.address("postmaster")).isNull();
        assertThat(SmtpReceiver.address("@testila.fi")).isNull();
    }

    @Test
    void itIsOffUnlessAPortIsSet() {
        assertThat(SmtpReceiverProperties.plain(null, DataSize.ofMegabytes(25)).enabled()).isFalse();
        assertThat(SmtpReceiverProperties.plain(2525, DataSize.ofMegabytes(25)).enabled()).isTrue();
    }

    /** Sends the bytes as they are (no re-encoding, the Message-ID kept) to the receiver. */
    void send(byte[] raw, String... recipients) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", String.valueOf(receiver.port()));
        props.setProperty("mail.smtp.from", "lahettaja@example.fi");
        props.setProperty("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        Address[] to = new Address[recipients.length];
        for (int i = 0; i < recipients.length; i++) to[i] = new InternetAddress(recipients[i]);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, to);
        }
    }

    /** The SMTP reply code of the first exception of the given type in the chain. */
    static int returnCode(Throwable thrown, Class<? extends MessagingException> type) {
        assertThat(thrown).isNotNull();
        for (Throwable t = thrown; t != null; t = t instanceof MessagingException m && m.getNextException() != null
                ? m.getNextException() : t.getCause()) {
            if (t instanceof SMTPAddressFailedException a && type.isInstance(t)) return a.getReturnCode();
            if (t instanceof SMTPSendFailedException s && type.isInstance(t)) return s.getReturnCode();
            if (t.getCause() == t) break;
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + thrown, thrown);
    }

    Map<String, Object> row(String messageKey) {
        return db.sql("select * from email_message where organization_id = ? and message_key = ?")
                .params(org.id().value(), messageKey).query().singleRow();
    }

    int rows() {
        return db.sql("select count(*) from email_message where organization_id = ?").param(org.id().value())
                .query(Integer.class).single();
    }
}
