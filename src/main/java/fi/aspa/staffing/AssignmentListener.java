package fi.aspa.staffing;

import fi.aspa.routing.CaseRouted;
import fi.aspa.routing.RoutingDecision;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Assigns a person when routing has decided, in the routing transaction (a plain listener: routing decides new cases
 * in batches, and a failure here leaves the case pending routing, retried with it).
 */
@Component
class AssignmentListener {
    private final Assigner assigner;

    /**
     * Tests of {@link Assigner} that assign at instants of their own switch this off, so that the routing of their
     * cases (in the background, at the real time) does not assign them first.
     */
    volatile boolean enabled = true;

    AssignmentListener(Assigner assigner) {
        this.assigner = assigner;
    }

    @EventListener
    void on(CaseRouted event) {
        if (!enabled || event.outcome() == RoutingDecision.Outcome.TRIAGE || event.serviceId() == null) return;
        assigner.afterRouting(event.organizationId(), event.caseId(), event.serviceId());
    }
}
