package fi.aspa.cases;

import fi.aspa.platform.OrganizationId;
import java.util.UUID;

/** Domain events the cases module publishes; other modules react to them after commit. */
public final class CaseEvents {
    private CaseEvents() {}

    public record CaseOpened(OrganizationId organizationId, UUID caseId, String reference, Channel channel,
                             UUID customerId, UUID unitId) {}

    public record MessageReceived(OrganizationId organizationId, UUID caseId, UUID messageId, Channel channel) {}

    public record ReplyPosted(OrganizationId organizationId, UUID caseId, UUID messageId, Channel caseChannel) {}

    /** {@code by}: who moved it; {@link Actor.Kind#SYSTEM} is routing placing or re-placing a case, not a person handing it on. */
    public record CaseTransferred(OrganizationId organizationId, UUID caseId, UUID fromUnitId, UUID toUnitId, Channel caseChannel,
                                  Actor.Kind by) {}

    public record CaseStatusChanged(OrganizationId organizationId, UUID caseId, CaseStatus from, CaseStatus to) {}

    /** A person, a client or the system changed the case's priority (service-level targets depend on it). */
    public record CasePriorityChanged(OrganizationId organizationId, UUID caseId, Priority from, Priority to) {}
}
