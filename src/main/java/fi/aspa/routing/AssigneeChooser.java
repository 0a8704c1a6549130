package fi.aspa.routing;

import fi.aspa.platform.OrganizationId;
import java.util.Map;
import java.util.UUID;

/**
 * Chooses who takes the cases that routing's batch is about to move to their services' units, before the move, so that
 * one update of each case moves and assigns it (the staffing module answers). Asked in the routing transaction, with
 * the cases locked; the answerer records its choices and their reasons, and does not choose again when the batch's
 * {@link CaseRouted} events come. Without an answerer the cases move unassigned.
 */
public interface AssigneeChooser {

    /**
     * @param moves the case → where routing moves it
     * @return the case → the person of its new unit to assign it to, for the moves that get one
     */
    Map<UUID, UUID> choose(OrganizationId organization, Map<UUID, Move> moves);

    /** Where a case is moved: its service's unit. */
    record Move(UUID unitId, UUID serviceId) {}
}
