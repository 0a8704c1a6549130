package fi.aspa.feedback;

import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import fi.aspa.feedback.FeedbackEvents.SurveyInvited;
import fi.aspa.platform.OrganizationId;
import fi.aspa.routing.Routing;
import fi.aspa.routing.RoutingDecision;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Invites the resident to the survey when their case is resolved the first time: after commit, through the event
 * publication registry (the condition keeps every other status change out of it). Never for INTERNAL cases (staff
 * as internal customers), never twice for a case (a unique case id: a case resolved again, or the event delivered
 * twice, finds its invitation).
 */
@Component
class Invitations {
    private final FeedbackStore store;
    private final Cases cases;
    private final Routing routing;
    private final ApplicationEventPublisher events;

    Invitations(FeedbackStore store, Cases cases, Routing routing, ApplicationEventPublisher events) {
        this.store = store;
        this.cases = cases;
        this.routing = routing;
        this.events = events;
    }

    @ApplicationModuleListener(condition = "#p0.to().name() == 'RESOLVED'")
    void on(CaseStatusChanged event) {
        if (event.to() != CaseStatus.RESOLVED) return;
        invite(event.organizationId(), event.caseId());
    }

    /** The new link's token, or empty when the case gets none (internal, unknown, invited already). */
    Optional<String> invite(OrganizationId organization, UUID caseId) {
        if (store.exists(caseId)) return Optional.empty();
        CaseSummary summary = cases.summary(organization, caseId).orElse(null);
        if (summary == null || summary.channel() == Channel.INTERNAL) return Optional.empty();
        // the service the case was last routed to, when routing knew one: results by service later need it
        UUID service = routing.decisions(organization, caseId).stream()
                .filter(d -> d.serviceId() != null)
                .max(Comparator.comparing(RoutingDecision::decidedAt))
                .map(RoutingDecision::serviceId).orElse(null);
        Optional<String> token = store.invite(organization, caseId, summary.unitId(), service, summary.channel(),
                summary.language());
        token.ifPresent(t -> events.publishEvent(new SurveyInvited(organization, caseId, summary.channel(), "/feedback/" + t)));
        return token;
    }

}
