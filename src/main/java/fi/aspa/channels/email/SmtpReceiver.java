package fi.aspa.channels.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.MultipleAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The optional SMTP server for direct delivery: the organization's mail server (or DNS) hands mail for a
 * mailbox's address straight to Aspa instead of leaving it in an IMAP mailbox. Off by default
 * ({@link SmtpReceiverProperties}).
 * <ul>
 *   <li>a recipient is accepted only when it is the address of an enabled mailbox (the mailbox's "from" address)
 *       of exactly one organization; any other is refused at RCPT with 550, so mail for strangers is never
 *       taken in (no open relay);</li>
 *   <li>a message over {@code max-message-size} is refused with 552 and nothing of it is kept;</li>
 *   <li>each message goes through the same ingestion as polled mail ({@link EmailIngest}: stored raw once per
 *       organization and Message-ID, a case, a reply or a note; an unreadable message kept raw and flagged), and
 *       250 is answered only after that commit. A database failure answers 451, so the sending server tries
 *       again later; a message it sends twice is stored once.</li>
 * </ul>
 * Without more configuration it speaks plain SMTP without TLS or authentication: run it so on an internal network
 * behind the organization's mail server. To let it face the internet ({@link SmtpReceiverProperties}):
 * <ul>
 *   <li>{@code tls}: a certificate (key store or PEM) offered with STARTTLS; {@code require-tls} refuses everything but
 *       EHLO, STARTTLS and QUIT before it (530);</li>
 *   <li>{@code auth}: one account (username and password or password hash, from the environment) that the sending
 *       server logs in as with AUTH PLAIN or LOGIN; then nothing is delivered without that login (530), and STARTTLS
 *       is required even when {@code require-tls} is off: AUTH is neither offered nor accepted before STARTTLS
 *       (530; 538 should the library ever let it through), so a password never crosses the network in clear. A
 *       failed login is logged with the client's address, and after {@code max-failures} of them within
 *       {@code lockout} that address gets 454 for every AUTH until the lockout has passed.</li>
 * </ul>
 * Spam and virus filtering stay with the organization's mail server.
 */
@Component
class SmtpReceiver implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);

    private final SmtpReceiverProperties properties;
    private final MailboxStore mailboxes;
    private final EmailIngest ingest;
    private final Clock clock;
    private final Map<InetAddress, Failures> failures = new ConcurrentHashMap<>();
    private volatile SMTPServer server;

    SmtpReceiver(SmtpReceiverProperties properties, MailboxStore mailboxes, EmailIngest ingest, Clock clock) {
        this.properties = properties;
        this.mailboxes = mailboxes;
        this.ingest = ingest;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || server != null) return;
        SMTPServer.Builder builder = SMTPServer.port(properties.port())
                .softwareName("Aspa")
                .messageHandlerFactory(Delivery::new)
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, properties.maxMessageSize().toBytes()))
                .maxRecipients(properties.maxRecipients())
                .maxConnections(properties.maxConnections())
                .connectionTimeout((int) properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .serverThreadName("smtp-receiver");
        if (properties.hostname() != null && !properties.hostname().isBlank()) builder.hostName(properties.hostname());
        if (properties.bindAddress() != null && !properties.bindAddress().isBlank()) {
            try {
                builder.bindAddress(InetAddress.getByName(properties.bindAddress()));
            } catch (IOException e) {
                throw new IllegalStateException("aspa.smtp-receiver.bind-address is not an address: " + properties.bindAddress(), e);
            }
        }
        SmtpReceiverProperties.Tls tls = properties.tls();
        SmtpReceiverProperties.Auth auth = properties.auth();
        if (properties.requireTls() && !tls.configured())
            throw new IllegalStateException("aspa.smtp-receiver.require-tls needs a certificate (aspa.smtp-receiver.tls.*)");
        if (auth.configured() && !tls.configured())
            throw new IllegalStateException("aspa.smtp-receiver.auth needs a certificate (aspa.smtp-receiver.tls.*): "
                    + "a password is accepted only over TLS");
        if (auth.configured() && !SmtpReceiverProperties.present(auth.password()))
            throw new IllegalStateException("aspa.smtp-receiver.auth.username is set without aspa.smtp-receiver.auth.password");
        if (tls.configured()) {
            // with a login, TLS is required whatever require-tls says: the server would otherwise offer AUTH in clear,
            // and a client would send its password before being refused; and nothing goes without the login anyway
            builder.enableTLS().startTlsSocketFactory(sslContext(tls)).requireTLS(requireTls());
        }
        if (auth.configured()) {
            builder.authenticationHandlerFactory(new Logins(auth)).requireAuth()
                    .showAuthCapabilitiesBeforeSTARTTLS(false);
        }
        SMTPServer started = builder.build();
        started.start();
        server = started;
        log.info("SMTP receiver listening on port {} (STARTTLS {}, AUTH {})", started.getPortAllocated(),
                !tls.configured() ? "off" : requireTls() ? "required" : "offered",
                auth.configured() ? "required" : "off");
    }

    @Override
    public synchronized void stop() {
        if (server == null) return;
        server.stop(); // waits for the sessions in progress
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Stopped before the web server and the database go (a late delivery gets no 250 and is sent again). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    /** The port it listens on; -1 when it is off. */
    int port() {
        SMTPServer s = server;
        return s == null ? -1 : s.getPortAllocated();
    }

    /** One mail transaction: the envelope recipients, then the message. */
    private final class Delivery implements MessageHandler {
        private final MessageContext context;
        private final List<Mailbox> recipients = new ArrayList<>();

        Delivery(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) throws RejectException {
            // any sender, the null sender of bounces too: what a message is, the ingestion decides; but only after the
            // login when there is one (the server refuses MAIL before AUTH already: this holds if that ever changes)
            if (properties.auth().configured() && context.getAuthenticationHandler().isEmpty())
                throw new RejectException(530, "5.7.0 Authentication required");
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            String address = address(recipient);
            List<Mailbox> found = address == null ? List.of() : mailboxes.byAddress(address);
            long organizations = found.stream().map(Mailbox::organizationId).distinct().count();
            if (organizations != 1) {
                if (organizations > 1) log.warn("SMTP receiver: {} is the address of mailboxes in {} organizations; refused",
                        address, organizations);
                throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here");
            }
            Mailbox mailbox = found.getFirst();
            if (recipients.stream().noneMatch(m -> m.id().equals(mailbox.id()))) recipients.add(mailbox);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            long max = properties.maxMessageSize().toBytes();
            byte[] raw = read(data, max);
            if (raw == null) throw new RejectException(552, "5.3.4 Message too big: at most " + max + " bytes");
            for (Mailbox mailbox : recipients) {
                try {
                    EmailIngest.Outcome outcome = ingest.ingest(mailbox, raw);
                    log.debug("SMTP receiver: a message from {} for mailbox {}: {}", context.getRemoteAddress(),
                            mailbox.id(), outcome);
                } catch (RuntimeException e) {
                    // nothing is answered 250 that is not committed: the sender keeps it and tries again
                    log.warn("SMTP receiver: a message for mailbox {} could not be stored", mailbox.id(), e);
                    throw new RejectException(451, "4.3.0 Temporary failure, try again later");
                }
            }
            return null;
        }

        @Override
        public void done() {
            recipients.clear();
        }
    }

    private boolean requireTls() {
        return properties.requireTls() || properties.auth().configured();
    }

    /** The STARTTLS context: a key store or PEM files, read with Spring Boot's SSL bundle support. */
    static SSLContext sslContext(SmtpReceiverProperties.Tls tls) {
        SslStoreBundle stores = SmtpReceiverProperties.present(tls.keystore())
                ? new JksSslStoreBundle(new JksSslStoreDetails(tls.keystoreType(), null, tls.keystore(), tls.keystorePassword()), null)
                : new PemSslStoreBundle(new PemSslStoreDetails(null, tls.certificate(), tls.privateKey())
                        .withPrivateKeyPassword(tls.privateKeyPassword()), null);
        try {
            return SslBundle.of(stores).createSslContext();
        } catch (RuntimeException e) {
            throw new IllegalStateException("aspa.smtp-receiver.tls: the certificate cannot be read: " + e.getMessage(), e);
        }
    }

    /** Failed logins from one address since {@code since}. */
    private record Failures(Instant since, int count) {}

    /** Whether the address has used up its failed logins for now. */
    boolean lockedOut(InetAddress address) {
        Failures f = address == null ? null : failures.get(address);
        if (f == null) return false;
        if (!clock.instant().isBefore(f.since().plus(properties.auth().lockout()))) {
            failures.remove(address, f);
            return false;
        }
        return f.count() >= properties.auth().maxFailures();
    }

    private void failed(InetAddress address, String username) {
        Instant now = clock.instant();
        Failures f = address == null ? null : failures.compute(address, (a, old) ->
                old == null || !now.isBefore(old.since().plus(properties.auth().lockout()))
                        ? new Failures(now, 1) : new Failures(old.since(), old.count() + 1));
        log.warn("SMTP receiver: failed login as '{}' from {} ({} of {} allowed)", printable(username),
                address == null ? "?" : address.getHostAddress(),
                f == null ? 1 : f.count(), properties.auth().maxFailures());
        if (failures.size() > 100_000) failures.clear(); // a bound on memory under a spread-out attack
    }

    private static String printable(String s) {
        if (s == null) return "";
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[^\\p{Graph} ]", "?");
    }

    private static String host(MessageContext context) {
        InetAddress address = inetAddress(context);
        return address == null ? "?" : address.getHostAddress();
    }

    private static InetAddress inetAddress(MessageContext context) {
        return context.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    /** AUTH PLAIN and LOGIN for the one configured account, only over TLS and not from a locked-out address. */
    private final class Logins implements AuthenticationHandlerFactory {
        private final AuthenticationHandlerFactory mechanisms;

        Logins(SmtpReceiverProperties.Auth auth) {
            byte[] username = auth.username().getBytes(StandardCharsets.UTF_8);
            String password = auth.password();
            PasswordEncoder hashes = password.startsWith("{") ? PasswordEncoderFactories.createDelegatingPasswordEncoder() : null;
            byte[] plain = password.getBytes(StandardCharsets.UTF_8);
            UsernamePasswordValidator validator = (user, pass, context) -> {
                boolean userOk = MessageDigest.isEqual(username, (user == null ? "" : user).getBytes(StandardCharsets.UTF_8));
                String given = pass == null ? "" : pass;
                boolean passOk = hashes != null ? hashes.matches(given, password)
                        : MessageDigest.isEqual(plain, given.getBytes(StandardCharsets.UTF_8));
                if (!(userOk && passOk)) {
                    failed(inetAddress(context), user);
                    throw new LoginFailedException("5.7.8 Authentication credentials invalid");
                }
            };
            this.mechanisms = new MultipleAuthenticationHandlerFactory(List.of(
                    new PlainAuthenticationHandlerFactory(validator), new LoginAuthenticationHandlerFactory(validator)));
        }

        @Override
        public List<String> getAuthenticationMechanisms() {
            return mechanisms.getAuthenticationMechanisms();
        }

        @Override
        public AuthenticationHandler create() {
            AuthenticationHandler handler = mechanisms.create();
            return new AuthenticationHandler() {
                private boolean started;

                @Override
                public Optional<String> auth(String clientInput, MessageContext context) throws RejectException {
                    if (!started) {
                        if (!(context instanceof org.subethamail.smtp.server.Session session && session.isTLSStarted())) {
                            log.warn("SMTP receiver: AUTH without TLS from {} refused", host(context));
                            throw new RejectException(538, "5.7.11 Encryption required for requested authentication mechanism");
                        }
                        if (lockedOut(inetAddress(context))) {
                            log.warn("SMTP receiver: AUTH from {} refused: too many failed logins", host(context));
                            throw new RejectException(454, "4.7.0 Too many failed logins, try again later");
                        }
                        started = true;
                    }
                    return handler.auth(clientInput, context);
                }

                @Override
                public Object getIdentity() {
                    return handler.getIdentity();
                }
            };
        }
    }

    /** The bare address of an envelope recipient ({@code <a@b>} or {@code a@b}); null when it is not one. */
    static String address(String recipient) {
        if (recipient == null) return null;
        String a = recipient.strip();
        if (a.startsWith("<") && a.endsWith(">")) a = a.substring(1, a.length() - 1).strip();
        int at = a.lastIndexOf('@');
        return at <= 0 || at == a.length() - 1 ? null : a.toLowerCase(Locale.ROOT);
    }

    /**
     * The whole message, or null when it is longer than {@code max} bytes; the rest is read and dropped either way,
     * so that the SMTP conversation stays in step.
     */
    static byte[] read(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total <= max) out.write(buffer, 0, n);
        }
        return total > max ? null : out.toByteArray();
    }
}
