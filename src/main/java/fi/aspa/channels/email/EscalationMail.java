package fi.aspa.channels.email;

import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.identity.Role;
import fi.aspa.identity.Staff;
import fi.aspa.identity.StaffUser;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Ids;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.sla.ServiceLevelBreached;
import jakarta.mail.MessagingException;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A service-level breach ({@link ServiceLevelBreached}, published by the escalation job) is mailed to the managers of
 * the case's unit (staff with the unit manager role in that unit and an email address), each in their own language,
 * from the unit's mailbox (else the organization's general one), after the commit, from the event publication
 * registry. Each mail is recorded in {@code email_staff_notice} under the breach's key and the manager before it is
 * sent, in the same transaction: a redelivered event (a retry, a restart, another node) sends nothing twice. Without
 * a mailbox nothing can be sent; the case's note and the managers' list {@code /workspace/sla} still show the breach.
 */
@Component
class EscalationMail {
    private static final Logger log = LoggerFactory.getLogger(EscalationMail.class);

    private final Cases cases;
    private final Staff staff;
    private final Organizations organizations;
    private final MailboxStore mailboxes;
    private final MailSender sender;
    private final MessageSource messages;
    private final JdbcClient db;
    private final Clock clock;
    private final String baseUrl;

    EscalationMail(Cases cases, Staff staff, Organizations organizations, MailboxStore mailboxes, MailSender sender,
                   MessageSource messages, JdbcClient db, Clock clock, @Value("${aspa.base-url:}") String baseUrl) {
        this.cases = cases;
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
    void on(ServiceLevelBreached event) {
        send(event);
    }

    /** Mails the breach to the unit's managers who have not had it yet; returns how many mails were sent now. */
    int send(ServiceLevelBreached event) {
        OrganizationId org = event.organizationId();
        CaseSummary summary = cases.summary(org, event.caseId()).orElse(null);
        if (summary == null) return 0;
        UUID unit = event.unitId() != null ? event.unitId() : summary.unitId();
        if (unit == null) return 0;
        List<StaffUser> managers = staff.inOrganization(org).stream()
                .filter(u -> u.roles().contains(Role.UNIT_MANAGER) && unit.equals(u.unitId()))
                .filter(u -> u.email() != null && u.email().contains("@"))
                .toList();
        if (managers.isEmpty()) return 0;
        Optional<Mailbox> mailbox = mailboxes.forUnit(org, unit).or(() -> mailboxes.forUnit(org, null));
        if (mailbox.isEmpty()) {
            log.info("Service-level breach of case {} not mailed: organization {} has no enabled mailbox", summary.reference(), org.value());
            return 0;
        }
        String key = "sla-breach:" + event.caseId() + ":" + event.kind().name() + ":" + event.breachedAt().toEpochMilli();
        int sent = 0;
        for (StaffUser manager : managers) {
            if (mail(mailbox.get(), key, manager, summary, event)) sent++;
        }
        return sent;
    }

    private boolean mail(Mailbox mailbox, String key, StaffUser manager, CaseSummary summary, ServiceLevelBreached event) {
        OrganizationId org = event.organizationId();
        Language language = manager.language() == null ? Language.FI : manager.language();
        String kind = text(language, "sla.kind." + event.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        String target = text(language, "sla.duration", event.targetMinutes() / 60, event.targetMinutes() % 60);
        String unitName = organizations.unit(org, summary.unitId() != null ? summary.unitId() : event.unitId())
                .map(u -> u.name().in(language)).orElse("");
        String orgName = organizations.find(org).map(o -> o.name().in(language)).orElse("");
        String subject = text(language, "sla.mail.breach.subject", summary.reference(), kind);
        String body = text(language, "sla.mail.breach.body", manager.displayName(), summary.reference(), summary.subject(), kind,
                target, event.dueAt() == null ? "–" : DateTimes.dateTime(event.dueAt(), language.locale()), unitName,
                baseUrl + "/workspace/cases/" + summary.id(), baseUrl + "/workspace/sla");
        try {
            MailSender.Outgoing message = sender.notice(mailbox, MailSender.senderName(orgName), manager.email(), subject,
                    body, language, "staff", clock.instant());
            String messageId = message.messageId();
            boolean first = db.sql("""
                    insert into email_staff_notice (id, organization_id, notice_key, staff_id, mailbox_id, address, message_id,
                        subject, case_id, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (organization_id, notice_key, staff_id) do nothing""")
                    .params(Ids.next(), org.value(), key, manager.id(), mailbox.id(), manager.email(), messageId,
                            EmailStore.cap(subject, 1000), summary.id(), Timestamp.from(clock.instant()))
                    .update() == 1;
            if (!first) return false; // sent by an earlier delivery of the same event
            sender.send(mailbox, message);
            return true;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("Cannot compose the escalation mail for case " + summary.reference(), e);
        }
    }

    private String text(Language language, String key, Object... args) {
        return messages.getMessage(key, args, language.locale());
    }
}
