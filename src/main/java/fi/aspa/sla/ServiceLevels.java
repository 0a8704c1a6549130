package fi.aspa.sla;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sla module's API: the service-level clocks of a case (for the case view and the queues) and the organization's
 * business calendar.
 */
public interface ServiceLevels {

    /** The case's clocks (first response, resolution) with the remaining business time now; empty without a target. */
    List<SlaClock> clocks(OrganizationId organization, UUID caseId);

    /**
     * When each of the given cases is due to be resolved by its service-level target (the resolution clock's due
     * time, as last computed); a case without a target, or whose clock is paused or stopped, is absent.
     */
    Map<UUID, Instant> resolutionDue(OrganizationId organization, Collection<UUID> caseIds);

    /** The organization's business calendar: its weekly hours, its closed days and the Finnish public holidays. */
    BusinessCalendar calendar(OrganizationId organization);
}
