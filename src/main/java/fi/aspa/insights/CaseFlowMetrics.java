package fi.aspa.insights;

import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseEvents.CaseTransferred;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.platform.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts contacts by channel, replies, transfers and status changes ({@code aspa_cases_*} in Prometheus), after
 * commit, so a rolled-back contact is never counted. Deliberately not through the event publication registry: a
 * counter in memory needs no durable delivery, and a registry row per event and counter cost the intake path two
 * writes and a transaction each.
 */
@Component
class CaseFlowMetrics {
    private final MeterRegistry meters;

    CaseFlowMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener
    void on(CaseOpened event) {
        AfterCommit.run(meters.counter("aspa.cases.opened", "channel", event.channel().name())::increment);
    }

    @EventListener
    void on(ReplyPosted event) {
        AfterCommit.run(meters.counter("aspa.cases.replies", "channel", event.caseChannel().name())::increment);
    }

    @EventListener
    void on(CaseTransferred event) {
        AfterCommit.run(meters.counter("aspa.cases.transferred")::increment);
    }

    @EventListener
    void on(CaseStatusChanged event) {
        AfterCommit.run(meters.counter("aspa.cases.status.changed", "to", event.to().name())::increment);
    }
}
