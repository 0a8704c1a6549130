package fi.aspa.routing;

import fi.aspa.platform.OrganizationId;
import java.util.UUID;

/**
 * A case's service was decided: by the classifier ({@code corrected == false}) or by a person correcting or
 * confirming it. Published in the deciding transaction; other modules (assignment to a person, service-level
 * clocks) react after commit. {@code serviceId} and {@code unitId} are null on triage.
 */
public record CaseRouted(OrganizationId organizationId, UUID caseId, UUID decisionId, RoutingDecision.Outcome outcome,
                         UUID serviceId, UUID unitId, double confidence, boolean corrected) {}
