package fi.aspa.sla;

import fi.aspa.cases.CaseEvents.CasePriorityChanged;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseEvents.CaseTransferred;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.platform.OrganizationId;
import fi.aspa.routing.CaseRouted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Case and routing events move the clocks. Replies, status and priority changes: after commit, from the event
 * publication registry (retried after a crash). A new case's clocks start when routing has decided ({@link CaseRouted},
 * published for every new case, triage included), from the case's creation time: listening to the opening as well
 * would compute them twice. Routing and transfers are heard synchronously, in the deciding or moving transaction:
 * routing decides new cases in batches and their clocks start with the decision, in its transaction, instead of a
 * publication and a transaction of their own per case (the intake benchmark); the clock never lags the case's unit.
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

    /**
     * Recomputed once, just before the moving transaction commits, unless routing decides the case in the same
     * transaction (routing moves a new case, then publishes {@link CaseRouted}, which recomputes the clocks anyway).
     */
    @EventListener
    void on(CaseTransferred event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            clocks.recompute(event.organizationId(), event.caseId(), null, false);
            return;
        }
        Moved moved = TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(s -> s instanceof Moved m && m.owner == this).map(Moved.class::cast).findFirst()
                .orElseGet(() -> {
                    Moved m = new Moved(this);
                    TransactionSynchronizationManager.registerSynchronization(m);
                    return m;
                });
        moved.cases.put(event.caseId(), event.organizationId());
    }

    @EventListener
    void on(CaseRouted event) {
        clocks.recompute(event.organizationId(), event.caseId(), event.serviceId(), true);
        TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(s -> s instanceof Moved m && m.owner == this).map(Moved.class::cast)
                .forEach(m -> m.cases.remove(event.caseId()));
    }

    /** The cases a transaction moved whose clocks are still to recompute. */
    private static final class Moved implements TransactionSynchronization {
        final SlaEvents owner;
        final Map<UUID, OrganizationId> cases = new LinkedHashMap<>();

        Moved(SlaEvents owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            for (Map.Entry<UUID, OrganizationId> e : List.copyOf(cases.entrySet())) {
                owner.clocks.recompute(e.getValue(), e.getKey(), null, false);
            }
            cases.clear();
        }
    }
}
