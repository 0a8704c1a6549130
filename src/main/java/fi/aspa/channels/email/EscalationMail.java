package fi.aspa.channels.email;

import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.identity.StaffUser;
import fi.aspa.platform.DateTimes;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.sla.ServiceLevelBreached;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A service-level breach ({@link ServiceLevelBreached}, published by the escalation job) is mailed to the managers of
 * the case's unit ({@link UnitManagerNotices}: each in their own language, from the unit's mailbox, once per breach
 * and manager), after the commit, from the event publication registry. Without a mailbox nothing can be sent; the
 * case's note and the managers' list {@code /workspace/sla} still show the breach.
 */
@Component
class EscalationMail {
    private static final Logger log = LoggerFactory.getLogger(EscalationMail.class);

    private final Cases cases;
    private final UnitManagerNotices notices;

    EscalationMail(Cases cases, UnitManagerNotices notices) {
        this.cases = cases;
        this.notices = notices;
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
        List<StaffUser> managers = notices.managers(org, unit);
        if (managers.isEmpty()) return 0;
        Optional<Mailbox> mailbox = notices.mailbox(org, unit);
        if (mailbox.isEmpty()) {
            log.info("Service-level breach of case {} not mailed: organization {} has no enabled mailbox", summary.reference(), org.value());
            return 0;
        }
        String key = "sla-breach:" + event.caseId() + ":" + event.kind().name() + ":" + event.breachedAt().toEpochMilli();
        int sent = 0;
        for (StaffUser manager : managers) {
            Language language = UnitManagerNotices.language(manager);
            String kind = notices.text(language, "sla.kind." + event.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            String target = notices.text(language, "sla.duration", event.targetMinutes() / 60, event.targetMinutes() % 60);
            String subject = notices.text(language, "sla.mail.breach.subject", summary.reference(), kind);
            String body = notices.text(language, "sla.mail.breach.body", manager.displayName(), summary.reference(),
                    summary.subject(), kind, target,
                    event.dueAt() == null ? "–" : DateTimes.dateTime(event.dueAt(), language.locale()),
                    notices.unitName(org, summary.unitId() != null ? summary.unitId() : event.unitId(), language),
                    notices.link("/workspace/cases/" + summary.id()), notices.link("/workspace/sla"));
            if (notices.sendOnce(mailbox.get(), org, key, manager, subject, body, summary.id())) sent++;
        }
        return sent;
    }
}
