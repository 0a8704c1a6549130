package fi.aspa.channels.email;

import fi.aspa.assignments.AssignmentReminder;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.mail.MessagingException;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A unit that has not submitted its answer to a task due soon ({@link AssignmentReminder}, published by the reminder
 * job) is reminded through its managers (staff with the unit manager role in that unit and an email address), each in
 * their own language, from the unit's mailbox (else the organization's general one), after the commit, from the event
 * publication registry. Each mail is recorded in {@code email_staff_notice} under the reminder's key and the manager
 * before it is sent, in the same transaction: a redelivered event sends nothing twice. Without a mailbox nothing is
 * sent; the unit's task list and the navigation's count still say the task is open.
 */
@Component
class AssignmentReminderMail {
    private static final Logger log = LoggerFactory.getLogger(AssignmentReminderMail.class);

    private final Staff staff;
    private final Organizations organizations;
    private final MailboxStore mailboxes;
    private final MailSender sender;
    private final MessageSource messages;
    private final JdbcClient db;
    private final Clock clock;
    private final String baseUrl;

    AssignmentReminderMail(Staff staff, Organizations organizations, MailboxStore mailboxes, MailSender sender,
                           MessageSource messages, JdbcClient db, Clock clock, @Value("${aspa.base-url:}") String baseUrl) {
        this.staff = staff;
        this.organizations = organizations;
        this.mailboxes = mailboxes;
        this.sender = sender;
        this.messages = messages;
        this.db = db;
        this.clock = clock;
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
    }

    @ApplicationModuleListener
    void on(AssignmentReminder event) {
        send(event);
    }

    /** Mails the reminder to the unit's managers who have not had it yet; returns how many mails were sent now. */
    int send(AssignmentReminder event) {
        OrganizationId org = event.organizationId();
        List<StaffUser> managers = staff.inOrganization(org).stream()
                .filter(u -> u.roles().contains(Role.UNIT_MANAGER) && event.unitId().equals(u.unitId()))
                .filter(u -> u.email() != null && u.email().contains("@"))
                .toList();
        if (managers.isEmpty()) return 0;
        Optional<Mailbox> mailbox = mailboxes.forUnit(org, event.unitId()).or(() -> mailboxes.forUnit(org, null));
        if (mailbox.isEmpty()) {
            log.info("Task reminder {} not mailed: organization {} has no enabled mailbox", event.assignmentId(), org.value());
            return 0;
        }
        String key = "assignment-reminder:" + event.assignmentId() + ":" + event.unitId() + ":" + event.due();
        int sent = 0;
        for (StaffUser manager : managers) {
            if (mail(mailbox.get(), key, manager, event)) sent++;
        }
        return sent;
    }

    private boolean mail(Mailbox mailbox, String key, StaffUser manager, AssignmentReminder event) {
        OrganizationId org = event.organizationId();
        Language language = manager.language() == null ? Language.FI : manager.language();
        String title = MailSender.oneLine(event.title().in(language));
        String unitName = organizations.unit(org, event.unitId()).map(u -> u.name().in(language)).orElse("");
        String orgName = organizations.find(org).map(o -> o.name().in(language)).orElse("");
        String due = DateTimes.date(event.due(), language.locale());
        String subject = text(language, "assignments.mail.subject", title, due);
        String body = text(language, "assignments.mail.body", manager.displayName(), unitName, title, due,
                baseUrl + event.path());
        try {
            MailSender.Outgoing message = sender.notice(mailbox, MailSender.senderName(orgName), manager.email(), subject,
                    body, language, "staff", clock.instant());
            boolean first = db.sql("""
                    insert into email_staff_notice (id, organization_id, notice_key, staff_id, mailbox_id, address, message_id,
                        subject, case_id, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, null, ?)
                    on conflict (organization_id, notice_key, staff_id) do nothing""")
                    .params(Ids.next(), org.value(), key, manager.id(), mailbox.id(), manager.email(), message.messageId(),
                            EmailStore.cap(subject, 1000), Timestamp.from(clock.instant()))
                    .update() == 1;
            if (!first) return false; // sent by an earlier delivery of the same event
            sender.send(mailbox, message);
            return true;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("Cannot compose the reminder of task " + event.assignmentId(), e);
        }
    }

    private String text(Language language, String key, Object... args) {
        return messages.getMessage(key, args, language.locale());
    }
}
