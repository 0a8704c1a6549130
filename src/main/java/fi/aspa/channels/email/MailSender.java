package fi.aspa.channels.email;

import fi.aspa.platform.Language;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Component;

/**
 * SMTP out, with each mailbox's own server and login. Connections are reused: a message goes over an idle
 * connection to the same server and login when there is one (checked with NOOP; at most {@link #MAX_IDLE} kept
 * per server, none idle longer than {@link #MAX_IDLE_MILLIS}), so a burst of acknowledgements does not pay a
 * connection, a greeting and a login for each (a profile of email ingestion found that to be a tenth of the
 * sending). A connection that fails is closed, never reused.
 */
@Component
class MailSender {
    private static final Logger log = LoggerFactory.getLogger(MailSender.class);
    static final int MAX_IDLE = 4;
    static final long MAX_IDLE_MILLIS = 30_000;

    private final MailboxStore mailboxes;
    private final EmailProperties properties;

    MailSender(MailboxStore mailboxes, EmailProperties properties) {
        MailStreams.init();
        this.mailboxes = mailboxes;
        this.properties = properties;
    }

    /** For composing messages. Sessions are reused: making one reads the mail provider files from the classpath. */
    private static final Session COMPOSING = Session.getInstance(new Properties());
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();

    Session session() {
        return COMPOSING;
    }

    /**
     * An automatic notice to one address (not a message of a case's conversation): from the mailbox under
     * {@code senderName}, plain text in {@code language}, marked {@code Auto-Submitted: auto-generated} so that
     * auto-responders stay quiet, with a new Message-ID {@code aspa.<kind>.<random>@<the mailbox's domain>}. Saved,
     * ready to send.
     */
    Outgoing notice(Mailbox from, String senderName, String to, String subject, String text, Language language, String kind,
                    Instant sent) throws MessagingException, UnsupportedEncodingException {
        String domain = from.fromAddress().substring(from.fromAddress().indexOf('@') + 1);
        Outgoing message = new Outgoing(COMPOSING, "aspa." + kind + "." + UUID.randomUUID() + "@" + domain);
        message.setFrom(new InternetAddress(from.fromAddress(), senderName, "UTF-8"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(Date.from(sent));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader("Content-Language", language.code());
        message.setText(text, "UTF-8");
        message.saveChanges();
        return message;
    }

    /** The sender's name on the organization's automatic mail: "Aspa – <organization>", or "Aspa" without a name. */
    static String senderName(String organizationName) {
        return organizationName == null || organizationName.isBlank() ? "Aspa" : "Aspa – " + organizationName;
    }

    /** A person's text for a header (a title in a Subject): on one line, so it cannot break out of the header. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n\\t\\u0000-\\u001f]+", " ").strip();
    }

    /** Sends a composed (saved) message to its recipients; a {@link MailSendException} when the server refuses it. */
    void send(Mailbox mailbox, MimeMessage message) {
        Mailbox.Endpoint smtp = mailbox.smtp();
        String key = mailbox.id() + "|" + smtp.host() + "|" + smtp.port() + "|" + smtp.security() + "|" + smtp.username()
                + "|" + smtp.sealedPassword() + "|" + mailbox.fromAddress();
        if (pools.size() > 1000) closeAll();
        Pool pool = pools.computeIfAbsent(key, k -> pool(mailbox));
        Transport transport = null;
        boolean sent = false;
        try {
            transport = pool.take();
            transport.sendMessage(message, message.getAllRecipients());
            sent = true;
        } catch (MessagingException e) {
            throw new MailSendException("Sending by SMTP to " + smtp.host() + " failed", e);
        } finally {
            if (transport != null) {
                if (sent) pool.giveBack(transport);
                else close(transport);
            }
        }
    }

    private Pool pool(Mailbox mailbox) {
        Mailbox.Endpoint smtp = mailbox.smtp();
        Properties props = new Properties();
        String timeout = String.valueOf(properties.timeout().toMillis());
        String protocol = smtp.security() == Mailbox.Security.SSL ? "smtps" : "smtp";
        props.setProperty("mail.transport.protocol", protocol);
        props.setProperty("mail." + protocol + ".connectiontimeout", timeout);
        props.setProperty("mail." + protocol + ".timeout", timeout);
        props.setProperty("mail." + protocol + ".writetimeout", timeout);
        props.setProperty("mail." + protocol + ".auth", String.valueOf(smtp.username() != null));
        props.setProperty("mail." + protocol + ".from", mailbox.fromAddress()); // the envelope sender: bounces come back here
        if (smtp.security() == Mailbox.Security.STARTTLS) {
            props.setProperty("mail.smtp.starttls.enable", "true");
            props.setProperty("mail.smtp.starttls.required", "true");
        }
        if (smtp.security() != Mailbox.Security.NONE) {
            props.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        String password = smtp.username() == null ? null : mailboxes.password(mailbox, smtp, "smtp");
        return new Pool(Session.getInstance(props), protocol, smtp.host(), smtp.port(), smtp.username(), password);
    }

    private record Idle(Transport transport, long since) {}

    /** The idle connections to one server with one login. */
    private static final class Pool {
        final Session session;
        final String protocol;
        final String host;
        final int port;
        final String username;
        final String password;
        final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();

        Pool(Session session, String protocol, String host, int port, String username, String password) {
            this.session = session;
            this.protocol = protocol;
            this.host = host;
            this.port = port;
            this.username = username;
            this.password = password;
        }

        /** The most recently used idle connection that still answers, or a new one. */
        Transport take() throws MessagingException {
            for (Idle i; (i = idle.pollFirst()) != null; ) {
                if (System.currentTimeMillis() - i.since() <= MAX_IDLE_MILLIS && i.transport().isConnected()) return i.transport();
                close(i.transport());
            }
            Transport transport = session.getTransport(protocol);
            transport.connect(host, port, username, password);
            return transport;
        }

        void giveBack(Transport transport) {
            idle.offerFirst(new Idle(transport, System.currentTimeMillis()));
            while (idle.size() > MAX_IDLE) {
                Idle oldest = idle.pollLast();
                if (oldest != null) close(oldest.transport());
            }
        }

        void closeAll() {
            for (Idle i; (i = idle.pollFirst()) != null; ) close(i.transport());
        }
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing an SMTP connection failed", e);
        }
    }

    @PreDestroy
    void closeAll() {
        pools.values().forEach(Pool::closeAll);
        pools.clear();
    }

    /**
     * A message that keeps the Message-ID Aspa gave it (Jakarta Mail would make a new one when saved), and once
     * {@link #freeze() frozen} is sent as the very bytes recorded, not composed (encoded) a second time.
     */
    static final class Outgoing extends MimeMessage {
        private final String messageId;
        private byte[] frozen;

        Outgoing(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        /** The Message-ID without its angle brackets. */
        String messageId() {
            return messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }

        /** Writes the composed (saved) message once: what is recorded, and then what is sent. Not to be changed after. */
        byte[] freeze() throws IOException, MessagingException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeTo(out);
            frozen = out.toByteArray();
            return frozen;
        }

        /** The frozen bytes when the headers to leave out are not in them (SMTP leaves out Bcc and Content-Length). */
        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
            if (frozen != null && (ignoreList == null || Arrays.stream(ignoreList).allMatch(h -> {
                try {
                    return getHeader(h) == null;
                } catch (MessagingException e) {
                    return false;
                }
            }))) {
                os.write(frozen);
                return;
            }
            super.writeTo(os, ignoreList);
        }
    }
}
