package fi.aspa.insights;

import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseEvents.CaseTransferred;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.platform.AfterCommit;
import fi.aspa.platform.OrganizationId;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts contacts by channel, replies, transfers and status changes ({@code aspa_cases_*} in Prometheus), per
 * organization, transfers by who made them ({@code by="system"} is routing's placement, {@code by="staff"} a person
 * handing a case on), after commit, so a rolled-back contact is never counted. Deliberately not through the event publication registry: a
 * counter in memory needs no durable delivery, and a registry row per event and counter cost the intake path two
 * writes and a transaction each.
 */
@Component
class CaseFlowMetrics {
    private final MeterRegistry meters;

    CaseFlowMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Each organization's own numbers: the platform serves several, and their sum tells none of them anything. */
    private static String org(OrganizationId organization) {
        return organization.value().toString();
    }

    @EventListener
    void on(CaseOpened event) {
        AfterCommit.run(meters.counter("aspa.cases.opened", "organization", org(event.organizationId()), "channel", event.channel().name())::increment);
    }

    @EventListener
    void on(ReplyPosted event) {
        AfterCommit.run(meters.counter("aspa.cases.replies", "organization", org(event.organizationId()), "channel", event.caseChannel().name())::increment);
    }

    @EventListener
    void on(CaseTransferred event) {
        AfterCommit.run(meters.counter("aspa.cases.transferred", "organization", org(event.organizationId()),
                "by", event.by() == null ? "unknown" : event.by().name().toLowerCase(java.util.Locale.ROOT))::increment);
    }

    @EventListener
    void on(CaseStatusChanged event) {
        AfterCommit.run(meters.counter("aspa.cases.status.changed", "organization", org(event.organizationId()), "to", event.to().name())::increment);
    }
}
