package fi.aspa.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** SMTP out, with each mailbox's own server and login (a sender per mailbox and settings, reused). */
@Component
class MailSender {
    private final MailboxStore mailboxes;
    private final EmailProperties properties;

    MailSender(MailboxStore mailboxes, EmailProperties properties) {
        MailStreams.init();
        this.mailboxes = mailboxes;
        this.properties = properties;
    }

    /** For composing messages. Sessions are reused: making one reads the mail provider files from the classpath. */
    private static final Session COMPOSING = Session.getInstance(new Properties());
    private final Map<String, JavaMailSenderImpl> senders = new ConcurrentHashMap<>();

    Session session() {
        return COMPOSING;
    }

    void send(Mailbox mailbox, MimeMessage message) {
        Mailbox.Endpoint smtp = mailbox.smtp();
        String key = mailbox.id() + "|" + smtp.host() + "|" + smtp.port() + "|" + smtp.security() + "|" + smtp.username()
                + "|" + smtp.sealedPassword() + "|" + mailbox.fromAddress();
        if (senders.size() > 1000) senders.clear();
        senders.computeIfAbsent(key, k -> sender(mailbox)).send(message);
    }

    private JavaMailSenderImpl sender(Mailbox mailbox) {
        Mailbox.Endpoint smtp = mailbox.smtp();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setDefaultEncoding("UTF-8");
        if (smtp.username() != null) {
            sender.setUsername(smtp.username());
            sender.setPassword(mailboxes.password(mailbox, smtp, "smtp"));
        }
        Properties props = new Properties();
        String timeout = String.valueOf(properties.timeout().toMillis());
        String protocol = smtp.security() == Mailbox.Security.SSL ? "smtps" : "smtp";
        sender.setProtocol(protocol);
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
        sender.setJavaMailProperties(props);
        return sender;
    }

    /** A message that keeps the Message-ID Aspa gave it (Jakarta Mail would make a new one when saved). */
    static final class Outgoing extends MimeMessage {
        private final String messageId;

        Outgoing(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
