package fi.aspa.routing;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Why a case went where it went: the service and unit chosen (none on triage), the confidence, the reason in words,
 * the runners-up and the model that decided. {@code ruleId} names the routing rule that decided (null when the
 * classifier or a person did); {@code decidedBy} the staff member who chose or corrected the service (null when a
 * rule or the classifier did; {@code model} is then {@value #BY_PERSON} or {@value #BY_RULE}). {@code reason} is in
 * English; {@code structuredReason} says the same as a code and its arguments, for pages in their reader's language
 * ({@link Routing#explain}) and for API clients that say it in theirs; null on decisions made before it was stored
 * (V307).
 */
public record RoutingDecision(UUID id, OrganizationId organizationId, UUID caseId, Outcome outcome, UUID serviceId,
                              UUID unitId, UUID assigneeId, double confidence, String reason,
                              List<Alternative> alternatives, String model, Instant decidedAt, UUID ruleId,
                              UUID decidedBy, RoutingReason structuredReason) {
    /** The {@code model} of a decision a person made. */
    public static final String BY_PERSON = "person";
    /** The {@code model} of a decision a routing rule made. */
    public static final String BY_RULE = "rule";

    public RoutingDecision {
        alternatives = List.copyOf(alternatives);
    }

    public enum Outcome {
        /** Confident: routed to the service's unit. */
        ROUTED,
        /** Not confident enough: to the triage queue, no guess. */
        TRIAGE,
        /** Classified, but the case already had its unit (chosen by the resident or a channel rule); not moved. */
        KEPT
    }

    /** A ranked service: its codes (Open311 where it has one, PTV reference code) and the confidence. */
    public record Alternative(UUID serviceId, String name, String open311Code, String referenceCode, UUID unitId,
                              double confidence) {}
}
