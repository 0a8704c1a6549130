package fi.aspa.channels.email;

import fi.aspa.platform.OrganizationId;
import fi.aspa.sla.ServiceLevelBreached;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** For other modules' tests: a mailbox on the test mail server, what it received, and the escalation mail's listener. */
public final class TestMail {
    private TestMail() {}

    /** A new mailbox of the organization (for a unit, or null for the whole organization) on the test server; its address. */
    public static String mailbox(ApplicationContext context, OrganizationId organization, UUID unitId) {
        MailServer.Account account = MailServer.account();
        context.getBean(MailboxStore.class).create(organization, MailServer.input(account, unitId, false));
        return account.address();
    }

    /** Every message the test SMTP server received for a recipient. */
    public static List<MimeMessage> receivedBy(String recipient) {
        return MailServer.receivedBy(recipient);
    }

    /** Delivers the breach event to the email listener again, as a retry or another node would; how many mails it sent. */
    public static int redeliver(ApplicationContext context, ServiceLevelBreached event) {
        return context.getBean(EscalationMail.class).send(event);
    }
}
