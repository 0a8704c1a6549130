package fi.aspa.channels.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
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
 * It speaks plain SMTP without TLS or authentication: run it on an internal network behind the organization's
 * mail server, which does the spam and virus filtering and the TLS towards the internet.
 */
@Component
class SmtpReceiver implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);

    private final SmtpReceiverProperties properties;
    private final MailboxStore mailboxes;
    private final EmailIngest ingest;
    private volatile SMTPServer server;

    SmtpReceiver(SmtpReceiverProperties properties, MailboxStore mailboxes, EmailIngest ingest) {
        this.properties = properties;
        this.mailboxes = mailboxes;
        this.ingest = ingest;
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
        SMTPServer started = builder.build();
        started.start();
        server = started;
        log.info("SMTP receiver listening on port {}", started.getPortAllocated());
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
        public void from(String from) {
            // any sender, the null sender of bounces too: what a message is, the ingestion decides
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
