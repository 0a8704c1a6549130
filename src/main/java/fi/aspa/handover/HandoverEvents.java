package fi.aspa.handover;

import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** The receiver's status changes become the outcome the sender sees (nothing else of the receiving case does). */
@Component
class HandoverEvents {
    private final HandoverService handovers;

    HandoverEvents(HandoverService handovers) {
        this.handovers = handovers;
    }

    @ApplicationModuleListener
    void on(CaseStatusChanged event) {
        handovers.receiverStatusChanged(event.organizationId(), event.caseId(), event.to());
    }
}
