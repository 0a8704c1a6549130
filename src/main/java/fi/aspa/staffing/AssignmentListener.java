package fi.aspa.staffing;

import fi.aspa.platform.OrganizationId;
import fi.aspa.routing.AssigneeChooser;
import fi.aspa.routing.CaseRouted;
import fi.aspa.routing.CasesRouted;
import fi.aspa.routing.RoutingDecision;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Assigns a person when routing has decided, in the routing transaction (a plain listener: routing decides new cases
 * in batches, and a failure here leaves the case pending routing, retried with it). The routing worker's cases are
 * assigned together when its batch ends ({@link CasesRouted}): each unit's people, profiles and loads are read once
 * for the batch. The cases the batch moves to their units are chosen for before the move instead
 * ({@link AssigneeChooser}: routing assigns them in the move's update) and not again here. A decision of its own (a
 * person's choice in triage) is assigned just before its transaction commits.
 */
@Component
class AssignmentListener implements AssigneeChooser {
    private final Assigner assigner;

    /**
     * Tests of {@link Assigner} that assign at instants of their own switch this off, so that the routing of their
     * cases (in the background, at the real time) does not assign them first.
     */
    volatile boolean enabled = true;

    AssignmentListener(Assigner assigner) {
        this.assigner = assigner;
    }

    /** Routing's batch is about to move these cases: the people are chosen now, and the cases not chosen for again. */
    @Override
    public Map<UUID, UUID> choose(OrganizationId organization, Map<UUID, Move> moves) {
        if (!enabled || moves.isEmpty()) return Map.of();
        Map<UUID, UUID> chosen = assigner.beforeMove(organization, moves);
        if (TransactionSynchronizationManager.isSynchronizationActive()) routed().decided.addAll(moves.keySet());
        return chosen;
    }

    @EventListener
    void on(CaseRouted event) {
        if (!enabled || event.outcome() == RoutingDecision.Outcome.TRIAGE || event.serviceId() == null) return;
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            assigner.afterRouting(event.organizationId(), event.caseId(), event.serviceId());
            return;
        }
        Routed routed = routed();
        if (routed.decided.contains(event.caseId())) return;
        routed.cases.computeIfAbsent(event.organizationId(), o -> new LinkedHashMap<>()).put(event.caseId(), event.serviceId());
    }

    /** This listener's collection for the current transaction, registered when it is the first. */
    private Routed routed() {
        return registered().orElseGet(() -> {
            Routed r = new Routed(this);
            TransactionSynchronizationManager.registerSynchronization(r);
            return r;
        });
    }

    /** The routing worker's batch: its cases are assigned now, unit by unit. */
    @EventListener
    void on(CasesRouted event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return;
        registered().ifPresent(r -> r.flush(event.organizationId(), event.caseIds()));
    }

    /** This listener's collection of the current transaction's routed cases, if it started one. */
    private Optional<Routed> registered() {
        return TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(s -> s instanceof Routed r && r.owner == this).map(Routed.class::cast).findFirst();
    }

    /** The cases a transaction's routing decided that are still to assign (organization → case → service). */
    private static final class Routed implements TransactionSynchronization {
        final AssignmentListener owner;
        final Map<OrganizationId, Map<UUID, UUID>> cases = new LinkedHashMap<>();
        /** The cases chosen for before routing moved them ({@link #choose}): not to assign again. */
        final Set<UUID> decided = new HashSet<>();

        Routed(AssignmentListener owner) {
            this.owner = owner;
        }

        /**
         * The batch's cases. A case of the organization heard but not in the batch was routed in a savepoint that was
         * rolled back (the routing worker's case-by-case retry): it is still to route, so not to assign.
         */
        void flush(OrganizationId organization, List<UUID> batch) {
            Map<UUID, UUID> heard = cases.remove(organization);
            if (heard == null) return;
            heard.keySet().retainAll(batch);
            owner.assigner.afterRoutingBatch(organization, heard);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            for (OrganizationId organization : List.copyOf(cases.keySet())) {
                owner.assigner.afterRoutingBatch(organization, cases.remove(organization));
            }
        }
    }
}
