package fi.aspa.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** SMTP out, with each mailbox's own server and login. */
@Component
class MailSender {
    private final MailboxStore mailboxes;
    private final EmailProperties properties;

    MailSender(MailboxStore mailboxes, EmailProperties properties) {
        this.mailboxes = mailboxes;
        this.properties = properties;
    }

    Session session() {
        return Session.getInstance(new Properties());
    }

    void send(Mailbox mailbox, MimeMessage message) {
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
        sender.send(message);
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
