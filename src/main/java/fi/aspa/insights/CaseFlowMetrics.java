package fi.aspa.insights;

import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseEvents.CaseTransferred;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Counts contacts by channel, replies, transfers and status changes ({@code aspa_cases_*} in Prometheus).
 * Runs after commit from the event publication registry, so a rolled-back contact is never counted.
 */
@Component
class CaseFlowMetrics {
    private final MeterRegistry meters;

    CaseFlowMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @ApplicationModuleListener
    void on(CaseOpened event) {
        meters.counter("aspa.cases.opened", "channel", event.channel().name()).increment();
    }

    @ApplicationModuleListener
    void on(ReplyPosted event) {
        meters.counter("aspa.cases.replies", "channel", event.caseChannel().name()).increment();
    }

    @ApplicationModuleListener
    void on(CaseTransferred event) {
        meters.counter("aspa.cases.transferred").increment();
    }

    @ApplicationModuleListener
    void on(CaseStatusChanged event) {
        meters.counter("aspa.cases.status.changed", "to", event.to().name()).increment();
    }
}
