package fi.aspa.cases;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Aggregate figures of an organization's cases for the customer-experience dashboard ({@code insights}): counted in
 * the database, never case by case. {@code unitId} null for the whole organization (else the cases now in the unit).
 * The residents' cases (every channel but INTERNAL) and the staff's own (INTERNAL: staff as customers) are counted
 * apart, each statement reading the period's rows once for both.
 */
public interface CaseStatistics {

    Split figures(OrganizationId organization, UUID unitId, Instant from, Instant to);

    /** The residents' figures and the staff's own, apart. */
    record Split(Figures residents, Figures internal) {}

    /**
     * Cases opened in [from, to) per channel and Helsinki week ({@code week} its Monday); cases first resolved in the
     * period and how many of them were reopened since; the open backlog now (NEW, OPEN, WAITING) and how many of it
     * were opened over 7 and over 30 days ago; and for the cases opened in the period ({@code opened}) how many a
     * person has transferred to another unit since (re-routed by hand: routing's own placement is not counted), and
     * the time to the first reply and to the first resolution.
     */
    record Figures(List<Contacts> contacts, long resolved, long reopened, long backlog, long backlogOver7Days,
                   long backlogOver30Days, long opened, long transferredByStaff, Durations firstResponse,
                   Durations resolution) {}

    record Contacts(Channel channel, LocalDate week, long cases) {}

    /** How many cases had the step, and its median and 90th percentile in hours (null when none had it). */
    record Durations(long cases, Double medianHours, Double p90Hours) {}
}
