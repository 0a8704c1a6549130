package fi.aspa.sla;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;

/**
 * The sla module's API: the service-level clocks of a case (for the case view and the queues) and the organization's
 * business calendar.
 */
public interface ServiceLevels {

    /** The case's clocks (first response, resolution) with the remaining business time now; empty without a target. */
    List<SlaClock> clocks(OrganizationId organization, UUID caseId);

    /** The organization's business calendar: its weekly hours, its closed days and the Finnish public holidays. */
    BusinessCalendar calendar(OrganizationId organization);
}
