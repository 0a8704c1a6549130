package fi.aspa.handover;

import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The receiver's status changes become the outcome the sender sees (nothing else of the receiving case does). Every
 * status change on the platform reaches this listener, and only a received case's matters, which the event cannot tell:
 * so a plain listener in the status change's own transaction, one indexed UPDATE that finds no row for any other case,
 * not an event publication (a registry row and a transaction of its own) for every status change of every organization.
 */
@Component
class HandoverEvents {
    private final HandoverService handovers;

    HandoverEvents(HandoverService handovers) {
        this.handovers = handovers;
    }

    @EventListener
    void on(CaseStatusChanged event) {
        handovers.receiverStatusChanged(event.organizationId(), event.caseId(), event.to());
    }
}
