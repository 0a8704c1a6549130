package fi.aspa.staffing;

import fi.aspa.routing.CaseRouted;
import fi.aspa.routing.RoutingDecision;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Assigns a person after routing (after the routing transaction commits, retried from the event registry). */
@Component
class AssignmentListener {
    private final Assigner assigner;

    AssignmentListener(Assigner assigner) {
        this.assigner = assigner;
    }

    @ApplicationModuleListener(condition = "#p0.outcome().name() != 'TRIAGE' && #p0.serviceId() != null")
    void on(CaseRouted event) {
        if (event.outcome() == RoutingDecision.Outcome.TRIAGE || event.serviceId() == null) return;
        assigner.afterRouting(event.organizationId(), event.caseId(), event.serviceId());
    }
}
