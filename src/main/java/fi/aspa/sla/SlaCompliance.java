package fi.aspa.sla;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/** How the organization kept its service-level targets, counted in the database (for the {@code insights} dashboard). */
public interface SlaCompliance {

    /**
     * For the cases whose clocks started in [from, to) ({@code unitId} null for the whole organization, else the cases
     * of that unit): per clock, how many are decided (stopped, or past the target already) and how many of them met
     * the target (stopped within it, never breached).
     */
    Compliance compliance(OrganizationId organization, UUID unitId, Instant from, Instant to);

    record Compliance(long firstResponseDecided, long firstResponseMet, long resolutionDecided, long resolutionMet) {}
}
