package fi.aspa.sla;

import fi.aspa.cases.CaseEvents.CasePriorityChanged;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseEvents.CaseTransferred;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.platform.OrganizationId;
import fi.aspa.routing.CaseRouted;
import fi.aspa.routing.CasesRouted;
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
        registered(Moved.class).orElseGet(() -> register(new Moved(this))).cases.put(event.caseId(), event.organizationId());
    }

    /**
     * Routing decided a case: its clocks start, in the deciding transaction, with the case as routing left it. Noted
     * for its batch ({@link CasesRouted}, published by the routing worker after the batch's {@link CaseRouted}) or,
     * for a decision of its own (a person's choice), recomputed just before the transaction commits.
     */
    @EventListener
    void on(CaseRouted event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            clocks.recompute(event.organizationId(), event.caseId(), event.serviceId(), true);
            return;
        }
        registered(Moved.class).ifPresent(m -> m.cases.remove(event.caseId()));
        Routed routed = registered(Routed.class).orElseGet(() -> register(new Routed(this)));
        routed.cases.computeIfAbsent(event.organizationId(), k -> new LinkedHashMap<>()).put(event.caseId(), event.serviceId());
    }

    /** The routing worker's batch: the clocks of its cases, with a few statements for the batch. */
    @EventListener
    void on(CasesRouted event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return;
        registered(Routed.class).ifPresent(r -> r.flush(event.organizationId(), event.caseIds()));
    }

    /** This listener's synchronization of the given kind in the current transaction, if it registered one. */
    private <T extends Owned> java.util.Optional<T> registered(Class<T> kind) {
        return TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(s -> kind.isInstance(s) && ((Owned) s).owner() == this).map(kind::cast).findFirst();
    }

    private static <T extends TransactionSynchronization> T register(T synchronization) {
        TransactionSynchronizationManager.registerSynchronization(synchronization);
        return synchronization;
    }

    /** A synchronization that knows which listener registered it (another context's listener has its own). */
    private interface Owned extends TransactionSynchronization {
        SlaEvents owner();
    }

    /** The cases a transaction's routing decided whose clocks are still to start (organization → case → service). */
    private static final class Routed implements Owned {
        final SlaEvents owner;

        @Override
        public SlaEvents owner() {
            return owner;
        }
        final Map<OrganizationId, Map<UUID, UUID>> cases = new LinkedHashMap<>();

        Routed(SlaEvents owner) {
            this.owner = owner;
        }

        /**
         * The batch's cases. A case of the organization heard but not in the batch was routed in a savepoint that
         * was rolled back (the routing worker's case-by-case retry): it is still to route, its clocks are not.
         */
        void flush(OrganizationId org, List<UUID> batch) {
            Map<UUID, UUID> heard = cases.remove(org);
            if (heard == null) return;
            heard.keySet().retainAll(batch);
            owner.clocks.routed(org, heard);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            for (OrganizationId org : List.copyOf(cases.keySet())) {
                Map<UUID, UUID> heard = cases.remove(org);
                owner.clocks.routed(org, heard);
            }
        }
    }

    /** The cases a transaction moved whose clocks are still to recompute. */
    private static final class Moved implements Owned {
        final SlaEvents owner;

        @Override
        public SlaEvents owner() {
            return owner;
        }
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
