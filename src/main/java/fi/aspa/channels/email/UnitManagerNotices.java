package fi.aspa.channels.email;

import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import jakarta.mail.MessagingException;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Mails to a unit's managers (staff with the unit manager role in that unit and an email address), each in their own
 * language, from the unit's mailbox (else the organization's general one). Each mail is recorded in
 * {@code email_staff_notice} under a notice key and the manager before it is sent, in the same transaction: a
 * redelivered event (a retry, a restart, another node) sends nothing twice. Used by {@link EscalationMail} and
 * {@link AssignmentReminderMail}.
 */
@Component
class UnitManagerNotices {
    private final Staff staff;
    private final Organizations organizations;
    private final MailboxStore mailboxes;
    private final MailSender sender;
    private final MessageSource messages;
    private final JdbcClient db;
    private final Clock clock;
    private final String baseUrl;

    UnitManagerNotices(Staff staff, Organizations organizations, MailboxStore mailboxes, MailSender sender,
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

    /** The unit's managers who have an email address. */
    List<StaffUser> managers(OrganizationId org, UUID unit) {
        return staff.inOrganization(org).stream()
                .filter(u -> u.roles().contains(Role.UNIT_MANAGER) && unit.equals(u.unitId()))
                .filter(u -> u.email() != null && u.email().contains("@"))
                .toList();
    }

    /** The unit's enabled mailbox, else the organization's general one. */
    Optional<Mailbox> mailbox(OrganizationId org, UUID unit) {
        return mailboxes.forUnit(org, unit).or(() -> mailboxes.forUnit(org, null));
    }

    /** The manager's language (Finnish when none is set). */
    static Language language(StaffUser manager) {
        return manager.language() == null ? Language.FI : manager.language();
    }

    String text(Language language, String key, Object... args) {
        return messages.getMessage(key, args, language.locale());
    }

    String unitName(OrganizationId org, UUID unit, Language language) {
        return unit == null ? "" : organizations.unit(org, unit).map(u -> u.name().in(language)).orElse("");
    }

    /** A link into the workspace: absolute with {@code aspa.base-url}, else the path. */
    String link(String path) {
        return baseUrl + path;
    }

    /**
     * Sends the mail unless this manager already had the notice of this key; {@code caseId} (nullable) is the case
     * the notice is about. Returns whether it was sent now.
     */
    boolean sendOnce(Mailbox mailbox, OrganizationId org, String key, StaffUser manager, String subject, String body,
                     UUID caseId) {
        Language language = language(manager);
        String orgName = organizations.find(org).map(o -> o.name().in(language)).orElse("");
        try {
            MailSender.Outgoing message = sender.notice(mailbox, MailSender.senderName(orgName), manager.email(), subject,
                    body, language, "staff", clock.instant());
            boolean first = db.sql("""
                    insert into email_staff_notice (id, organization_id, notice_key, staff_id, mailbox_id, address, message_id,
                        subject, case_id, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (organization_id, notice_key, staff_id) do nothing""")
                    .params(Ids.next(), org.value(), key, manager.id(), mailbox.id(), manager.email(), message.messageId(),
                            EmailStore.cap(subject, 1000), caseId, Timestamp.from(clock.instant()))
                    .update() == 1;
            if (!first) return false; // sent by an earlier delivery of the same event
            sender.send(mailbox, message);
            return true;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("Cannot compose the notice " + key, e);
        }
    }
}
