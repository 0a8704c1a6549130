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
 * transaction commits. When the routing worker retries a failed batch case by case, each case is its own batch. The
 * routing worker's {@link CaseRouted} are those with {@code corrected == false}: each is always followed by its batch's
 * {@code CasesRouted}, which carries them again, so a listener may also do all its work here and skip them.
 */
public record CasesRouted(OrganizationId organizationId, List<CaseRouted> routed) {
    public CasesRouted {
        routed = List.copyOf(routed);
    }

    /** The batch's cases, in the batch's order. */
    public List<UUID> caseIds() {
        return routed.stream().map(CaseRouted::caseId).toList();
    }
}
