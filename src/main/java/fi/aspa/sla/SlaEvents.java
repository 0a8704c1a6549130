package fi.aspa.sla;

import fi.aspa.cases.CaseEvents.CasePriorityChanged;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseEvents.CaseTransferred;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.routing.CaseRouted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Case and routing events move the clocks, after commit, from the event publication registry (retried after a crash).
 * A new case's clocks start when routing has decided ({@link CaseRouted}, published for every new case, triage
 * included), from the case's creation time: listening to the opening as well would compute them twice.
 */
@Component
class SlaEvents {
    private final SlaClocks clocks;

    SlaEvents(SlaClocks clocks) {
        this.clocks = clocks;
    }

    @ApplicationModuleListener
    void on(ReplyPosted event) {
        clocks.recompute(event.organizationId(), event.caseId(), null, false);
    }

    @ApplicationModuleListener
    void on(CaseStatusChanged event) {
        clocks.recompute(event.organizationId(), event.caseId(), null, false);
    }

    @ApplicationModuleListener
    void on(CasePriorityChanged event) {
        clocks.recompute(event.organizationId(), event.caseId(), null, false);
    }

    @ApplicationModuleListener
    void on(CaseTransferred event) {
        clocks.recompute(event.organizationId(), event.caseId(), null, false);
    }

    @ApplicationModuleListener
    void on(CaseRouted event) {
        clocks.recompute(event.organizationId(), event.caseId(), event.serviceId(), true);
    }
}
