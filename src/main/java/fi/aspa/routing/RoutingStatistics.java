package fi.aspa.routing;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/** How well automatic routing did, counted in the database (for the {@code insights} dashboard). */
public interface RoutingStatistics {

    /**
     * The cases whose first automatic decision (no person decided it; a case that kept its unit not counted) was made
     * in [from, to): how many were routed to a service and how many sent to triage, and how many of the routed ones a
     * person corrected afterwards (chose another service). With {@code unitId} only the cases routed to that unit
     * (triage has no unit, so it counts none).
     */
    Quality quality(OrganizationId organization, UUID unitId, Instant from, Instant to);

    record Quality(long decided, long routed, long triage, long corrected) {}
}
