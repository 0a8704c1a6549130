package fi.aspa.routing;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;

/**
 * The routing worker routed a batch of an organization's new cases: published in the routing transaction after the
 * {@link CaseRouted} of each of them (which stays the event of record, one per case). A listener that would rather do
 * its work for the whole batch at once (the service-level clocks: a few statements for the batch instead of a few per
 * case) collects the {@link CaseRouted} events it heard in the transaction and does it when this comes; a
 * {@link CaseRouted} without it (a person's choice, a single decision) is handled by that listener before the
 * transaction commits. When the routing worker retries a failed batch case by case, each case is its own batch.
 */
public record CasesRouted(OrganizationId organizationId, List<UUID> caseIds) {}
