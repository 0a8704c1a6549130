package fi.aspa.channels.email;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP + IMAP server in the test JVM (GreenMail), on free ports, shared by the email tests. Each test
 * makes its own mailbox account ({@link #account}), so tests do not see each other's mail.
 */
final class MailServer {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Session SESSION = Session.getInstance(new Properties());
    private static GreenMail server;

    private MailServer() {}

    static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup[] {
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    record Account(String address, String login, String password, GreenMailUser user) {}

    /** A fresh mailbox account on the server. */
    static Account account() {
        int n = SEQ.incrementAndGet();
        String address = "kirjaamo" + n + "-" + UUID.randomUUID().toString().substring(0, 6) + "@testila.fi";
        String login = "kirjaamo" + n + "-" + UUID.randomUUID().toString().substring(0, 6);
        GreenMailUser user = server().setUser(address, login, "imap-salasana-" + n);
        return new Account(address, login, "imap-salasana-" + n, user);
    }

    /** Puts raw bytes into the account's inbox, as a mail server's delivery would. */
    static void deliver(Account account, byte[] raw) {
        try {
            account.user().deliver(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks every message of the account's inbox unseen again, as if nothing had been read. */
    static void markAllUnseen(Account account) {
        try {
            Properties props = new Properties();
            jakarta.mail.Store store = Session.getInstance(props).getStore("imap");
            store.connect("127.0.0.1", imapPort(), account.login(), account.password());
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_WRITE);
            inbox.setFlags(inbox.getMessages(), new jakarta.mail.Flags(jakarta.mail.Flags.Flag.SEEN), false);
            inbox.close(false);
            store.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many messages of the account's inbox are not \Seen. */
    static int unseen(Account account) {
        try {
            jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", imapPort(), account.login(), account.password());
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            int unseen = inbox.getUnreadMessageCount();
            inbox.close(false);
            store.close();
            return unseen;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int imapPort() {
        return server().getImap().getPort();
    }

    static int smtpPort() {
        return server().getSmtp().getPort();
    }

    /** Every message the SMTP server received for a recipient. */
    static List<MimeMessage> receivedBy(String recipient) {
        return Arrays.stream(server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(recipient));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** Every message the SMTP server received from one sender address. */
    static List<MimeMessage> sentFrom(String from) {
        return Arrays.stream(server().getReceivedMessages()).filter(m -> {
            try {
                return m.getFrom() != null && Arrays.stream(m.getFrom()).anyMatch(a -> a.toString().contains(from));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static MailboxInput input(Account account, java.util.UUID unitId, boolean ack) {
        return new MailboxInput("Kirjaamo " + account.login(), unitId, "127.0.0.1", imapPort(), Mailbox.Security.NONE,
                account.login(), account.password(), "INBOX", "127.0.0.1", smtpPort(), Mailbox.Security.NONE, null, null,
                account.address(), true, ack);
    }
}
