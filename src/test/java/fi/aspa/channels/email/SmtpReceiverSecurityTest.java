package fi.aspa.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.util.unit.DataSize;

/**
 * The SMTP receiver facing the internet: STARTTLS with a self-signed certificate made by the JDK's keytool (as a
 * PKCS12 key store and as PEM files), SMTP AUTH only over TLS, failed logins logged and locked out. Each receiver is
 * started by the test on a free port, next to the application's plain one; the client is Angus Mail's SMTP transport
 * or, where the client would refuse to send what is tested, a raw socket.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpReceiverSecurityTest {
    static final String USER = "aspa-relay";
    static final String PASSWORD = "Relay-salasana-" + UUID.randomUUID();

    @Autowired Fixtures fixtures;
    @Autowired MailboxStore mailboxes;
    @Autowired EmailIngest ingest;
    @Autowired JdbcClient db;

    @TempDir static Path dir;
    static Path keystore;
    static Path certificatePem;
    static Path privateKeyPem;

    Fixtures.Org org;
    String address;
    final MutableClock clock = new MutableClock();
    /** STARTTLS required, AUTH with the password itself, certificate from a PKCS12 key store. */
    SmtpReceiver strict;
    /** require-tls off, but AUTH (with a bcrypt hash) requires it anyway; certificate from PEM files. */
    SmtpReceiver pem;

    @BeforeAll
    void receivers() throws Exception {
        keystore = dir.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(said).isZero();
        writePem();

        org = fixtures.organization();
        MailServer.Account account = MailServer.account();
        address = account.address();
        mailboxes.create(org.id(), MailServer.input(account, org.service().id(), false));

        strict = start(new SmtpReceiverProperties(0, "127.0.0.1", "smtp.testila.fi", DataSize.ofMegabytes(1), 50, 20,
                Duration.ofSeconds(30), new SmtpReceiverProperties.Tls(keystore.toString(), "changeit", "PKCS12", null, null, null),
                true, new SmtpReceiverProperties.Auth(USER, PASSWORD, 5, Duration.ofMinutes(15))), clock);
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD);
        assertThat(hash).startsWith("{bcrypt}");
        pem = start(new SmtpReceiverProperties(0, "127.0.0.1", "smtp.testila.fi", DataSize.ofMegabytes(1), 50, 20,
                Duration.ofSeconds(30), new SmtpReceiverProperties.Tls(null, null, "PKCS12", certificatePem.toString(),
                privateKeyPem.toString(), null), false, new SmtpReceiverProperties.Auth(USER, hash, 3, Duration.ofMinutes(15))), clock);
    }

    @AfterAll
    void stop() {
        if (strict != null) strict.stop();
        if (pem != null) pem.stop();
    }

    SmtpReceiver start(SmtpReceiverProperties properties, Clock clock) {
        SmtpReceiver receiver = new SmtpReceiver(properties, mailboxes, ingest, clock);
        receiver.start();
        assertThat(receiver.port()).isPositive();
        return receiver;
    }

    @Test
    void aMessageOverTlsWithTheLoginIsTakenIn() throws Exception {
        String id = "tls-" + UUID.randomUUID() + "@example.fi";
        send(strict, true, USER, PASSWORD, "PLAIN", id);
        assertThat(rows(id)).isEqualTo(1);

        // LOGIN as well as PLAIN; a PEM certificate and a hashed password as well as a key store and the password
        String other = "tls-" + UUID.randomUUID() + "@example.fi";
        send(pem, true, USER, PASSWORD, "LOGIN", other);
        assertThat(rows(other)).isEqualTo(1);
    }

    @Test
    void authIsNeitherOfferedNorAcceptedWithoutTls() throws Exception {
        // require-tls is off, but with a login configured the server takes no password in clear, nor mail without one
        try (Dialogue smtp = new Dialogue(pem.port())) {
            String ehlo = smtp.command("EHLO client.example.fi");
            assertThat(ehlo).startsWith("250").contains("STARTTLS").doesNotContain("AUTH");
            String plain = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertThat(smtp.command("AUTH PLAIN " + plain)).startsWith("530");
            assertThat(smtp.command("AUTH LOGIN")).startsWith("530");
            assertThat(smtp.command("MAIL FROM:<lahettaja@example.fi>")).startsWith("530");
            assertThat(smtp.command("RCPT TO:<" + address + ">")).startsWith("530");
            // after STARTTLS the same server offers AUTH, and takes the password
            assertThat(smtp.command("STARTTLS")).startsWith("220");
            smtp.startTls();
            assertThat(smtp.command("EHLO client.example.fi")).contains("AUTH PLAIN LOGIN");
            assertThat(smtp.command("AUTH PLAIN " + plain)).startsWith("235");
        }
        // and a client that would log in but does not insist on TLS gets nowhere (it sees no AUTH, so sends no password)
        String id = "plain-" + UUID.randomUUID() + "@example.fi";
        Throwable refused = catchThrowable(() -> send(pem, false, USER, PASSWORD, "PLAIN", id));
        assertThat(refused).isInstanceOf(MessagingException.class).hasMessageContaining("530");
        assertThat(rows(id)).isZero();
    }

    @Test
    void withRequireTlsNothingButStarttlsGoesBeforeIt() throws Exception {
        try (Dialogue smtp = new Dialogue(strict.port())) {
            assertThat(smtp.command("EHLO client.example.fi")).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(smtp.command("MAIL FROM:<lahettaja@example.fi>")).startsWith("530");
            assertThat(smtp.command("AUTH PLAIN AGFzcGEtcmVsYXkAeA==")).startsWith("530");
        }
        // a client that does not do STARTTLS, without a login: refused
        String id = "notls-" + UUID.randomUUID() + "@example.fi";
        Throwable refused = catchThrowable(() -> send(strict, false, null, null, null, id));
        assertThat(refused).isInstanceOf(MessagingException.class).hasMessageContaining("530");
        assertThat(rows(id)).isZero();
        // over TLS but without a login: refused too
        Throwable anonymous = catchThrowable(() -> send(strict, true, null, null, null, id));
        assertThat(anonymous).isInstanceOf(MessagingException.class).hasMessageContaining("530");
        assertThat(rows(id)).isZero();
    }

    @Test
    void aWrongPasswordIsRefusedAndLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SmtpReceiver.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        SmtpReceiver own = start(new SmtpReceiverProperties(0, "127.0.0.1", null, DataSize.ofMegabytes(1), 50, 20,
                Duration.ofSeconds(30), new SmtpReceiverProperties.Tls(keystore.toString(), "changeit", "PKCS12", null, null, null),
                true, new SmtpReceiverProperties.Auth(USER, PASSWORD, 5, Duration.ofMinutes(15))), clock);
        try {
            String id = "wrong-" + UUID.randomUUID() + "@example.fi";
            assertThatThrownBy(() -> send(own, true, USER, "arvaus", "PLAIN", id))
                    .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535");
            assertThatThrownBy(() -> send(own, true, "root", PASSWORD, "LOGIN", id))
                    .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535");
            assertThat(rows(id)).isZero();
            List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).contains("SMTP receiver: failed login as 'aspa-relay' from 127.0.0.1 (1 of 5 allowed)",
                    "SMTP receiver: failed login as 'root' from 127.0.0.1 (2 of 5 allowed)");
            assertThat(String.join("\n", warnings)).doesNotContain("arvaus").doesNotContain(PASSWORD);
        } finally {
            logger.detachAppender(logged);
            own.stop();
        }
    }

    @Test
    void afterTooManyFailedLoginsTheAddressIsLockedOutUntilTheLockoutPasses() throws Exception {
        MutableClock own = new MutableClock();
        SmtpReceiver receiver = start(new SmtpReceiverProperties(0, "127.0.0.1", null, DataSize.ofMegabytes(1), 50, 20,
                Duration.ofSeconds(30), new SmtpReceiverProperties.Tls(keystore.toString(), "changeit", "PKCS12", null, null, null),
                true, new SmtpReceiverProperties.Auth(USER, PASSWORD, 3, Duration.ofMinutes(15))), own);
        try {
            String id = "locked-" + UUID.randomUUID() + "@example.fi";
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> send(receiver, true, USER, "arvaus", "PLAIN", id)).hasMessageContaining("535");
            }
            // now even the right password is not looked at
            assertThatThrownBy(() -> send(receiver, true, USER, PASSWORD, "PLAIN", id))
                    .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("454");
            own.advance(Duration.ofMinutes(14));
            assertThatThrownBy(() -> send(receiver, true, USER, PASSWORD, "LOGIN", id)).hasMessageContaining("454");
            assertThat(rows(id)).isZero();

            own.advance(Duration.ofMinutes(1)); // 15 minutes from the first failure
            send(receiver, true, USER, PASSWORD, "PLAIN", id);
            assertThat(rows(id)).isEqualTo(1);
        } finally {
            receiver.stop();
        }
    }

    @Test
    void aConfigurationThatWouldSendPasswordsInClearDoesNotStart() {
        SmtpReceiverProperties.Auth auth = new SmtpReceiverProperties.Auth(USER, PASSWORD, 5, Duration.ofMinutes(15));
        SmtpReceiverProperties noTls = new SmtpReceiverProperties(0, null, null, DataSize.ofMegabytes(1), 50, 20,
                Duration.ofSeconds(30), SmtpReceiverProperties.Tls.NONE, false, auth);
        assertThatThrownBy(() -> new SmtpReceiver(noTls, mailboxes, ingest, clock).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only over TLS");
        SmtpReceiverProperties requireWithout = new SmtpReceiverProperties(0, null, null, DataSize.ofMegabytes(1), 50, 20,
                Duration.ofSeconds(30), SmtpReceiverProperties.Tls.NONE, true, SmtpReceiverProperties.Auth.NONE);
        assertThatThrownBy(() -> new SmtpReceiver(requireWithout, mailboxes, ingest, clock).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("require-tls needs a certificate");
        SmtpReceiverProperties noPassword = new SmtpReceiverProperties(0, null, null, DataSize.ofMegabytes(1), 50, 20,
                Duration.ofSeconds(30), new SmtpReceiverProperties.Tls(keystore.toString(), "changeit", "PKCS12", null, null, null),
                true, new SmtpReceiverProperties.Auth(USER, " ", 5, Duration.ofMinutes(15)));
        assertThatThrownBy(() -> new SmtpReceiver(noPassword, mailboxes, ingest, clock).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without aspa.smtp-receiver.auth.password");
        SmtpReceiverProperties badStore = new SmtpReceiverProperties(0, null, null, DataSize.ofMegabytes(1), 50, 20,
                Duration.ofSeconds(30), new SmtpReceiverProperties.Tls(keystore.toString(), "wrong", "PKCS12", null, null, null),
                true, SmtpReceiverProperties.Auth.NONE);
        assertThatThrownBy(() -> new SmtpReceiver(badStore, mailboxes, ingest, clock).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be read");
    }

    /** Sends a small message with Angus Mail: STARTTLS required when {@code tls}, AUTH with the mechanism when a user is given. */
    void send(SmtpReceiver receiver, boolean tls, String user, String password, String mechanism, String messageId)
            throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", String.valueOf(receiver.port()));
        props.setProperty("mail.smtp.from", "lahettaja@example.fi");
        props.setProperty("mail.smtp.timeout", "30000");
        props.setProperty("mail.smtp.connectiontimeout", "30000");
        props.setProperty("mail.smtp.starttls.enable", String.valueOf(tls));
        props.setProperty("mail.smtp.starttls.required", String.valueOf(tls));
        props.setProperty("mail.smtp.ssl.trust", "127.0.0.1"); // the self-signed test certificate
        props.setProperty("mail.smtp.auth", String.valueOf(user != null));
        if (mechanism != null) props.setProperty("mail.smtp.auth.mechanisms", mechanism);
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(EmailIngestTest.message(
                "Maija <maija@example.fi>", "<" + messageId + ">", "Suoraan", "Viesti tuli suoraan SMTP:llä.")));
        try (Transport transport = session.getTransport("smtp")) {
            if (user != null) transport.connect(user, password);
            else transport.connect();
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(address)});
        }
    }

    int rows(String messageId) {
        return db.sql("select count(*) from email_message where organization_id = ? and message_key = ?")
                .params(org.id().value(), messageId).query(Integer.class).single();
    }

    /** The key store's certificate and key as PEM files, as an administrator with a certificate from a CA would have. */
    static void writePem() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        certificatePem = dir.resolve("smtp.crt");
        Files.writeString(certificatePem, "-----BEGIN CERTIFICATE-----\n"
                + mime.encodeToString(store.getCertificate("smtp").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        privateKeyPem = dir.resolve("smtp.key");
        Files.writeString(privateKeyPem, "-----BEGIN PRIVATE KEY-----\n"
                + mime.encodeToString(store.getKey("smtp", "changeit".toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    }

    /** A line-by-line SMTP conversation over a plain socket. */
    static final class Dialogue implements AutoCloseable {
        Socket socket;
        BufferedReader in;
        Writer out;

        Dialogue(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            streams();
            assertThat(reply()).startsWith("220");
        }

        private void streams() throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
        }

        /** After the server's 220 to STARTTLS: the handshake, trusting the test certificate. */
        void startTls() throws Exception {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                trusted.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            socket = tls;
            streams();
        }

        String command(String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
            return reply();
        }

        String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                reply.append(line).append('\n');
                if (line.length() < 4 || line.charAt(3) == ' ') break;
            }
            return reply.toString();
        }

        @Override
        public void close() throws IOException {
            try {
                command("QUIT");
            } finally {
                socket.close();
            }
        }
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-02T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
