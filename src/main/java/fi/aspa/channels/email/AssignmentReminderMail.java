package fi.aspa.channels.email;

import fi.aspa.assignments.AssignmentReminder;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A unit that has not submitted its answer to a task due soon ({@link AssignmentReminder}, published by the reminder
 * job) is reminded through its managers ({@link UnitManagerNotices}: each in their own language, from the unit's
 * mailbox, once per reminder and manager), after the commit, from the event publication registry. Without a mailbox
 * nothing is sent; the unit's task list and the navigation's count still say the task is open.
 */
@Component
class AssignmentReminderMail {
    private static final Logger log = LoggerFactory.getLogger(AssignmentReminderMail.class);

    private final UnitManagerNotices notices;

    AssignmentReminderMail(UnitManagerNotices notices) {
        this.notices = notices;
    }

    @ApplicationModuleListener
    void on(AssignmentReminder event) {
        send(event);
    }

    /** Mails the reminder to the unit's managers who have not had it yet; returns how many mails were sent now. */
    int send(AssignmentReminder event) {
        OrganizationId org = event.organizationId();
        List<StaffUser> managers = notices.managers(org, event.unitId());
        if (managers.isEmpty()) return 0;
        Optional<Mailbox> mailbox = notices.mailbox(org, event.unitId());
        if (mailbox.isEmpty()) {
            log.info("Task reminder {} not mailed: organization {} has no enabled mailbox", event.assignmentId(), org.value());
            return 0;
        }
        String key = "assignment-reminder:" + event.assignmentId() + ":" + event.unitId() + ":" + event.due();
        int sent = 0;
        for (StaffUser manager : managers) {
            Language language = UnitManagerNotices.language(manager);
            String title = MailSender.oneLine(event.title().in(language));
            String due = DateTimes.date(event.due(), language.locale());
            String subject = notices.text(language, "assignments.mail.subject", title, due);
            String body = notices.text(language, "assignments.mail.body", manager.displayName(),
                    notices.unitName(org, event.unitId(), language), title, due, notices.link(event.path()));
            if (notices.sendOnce(mailbox.get(), org, key, manager, subject, body, null)) sent++;
        }
        return sent;
    }
}
