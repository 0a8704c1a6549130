package fi.aspa.routing;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Routes every new case after commit, whatever its channel: classifies the subject and first message, stores the
 * decision, and moves the case to the service's unit when the classifier is confident and the case has no unit
 * yet (a unit chosen by the resident or a channel is never overridden).
 */
@Component
class CaseRouter {
    private final Cases cases;
    private final Routing routing;

    CaseRouter(Cases cases, Routing routing) {
        this.cases = cases;
        this.routing = routing;
    }

    @ApplicationModuleListener
    void on(CaseOpened event) {
        CaseDetail detail = cases.detail(event.organizationId(), event.caseId()).orElse(null);
        if (detail == null) return;
        String first = detail.messages().stream().filter(m -> m.kind() == MessageKind.INBOUND).findFirst()
                .map(CaseMessage::body).orElse("");
        boolean hasUnit = detail.summary().unitId() != null;
        RoutingDecision decision = routing.decide(event.organizationId(), event.caseId(),
                detail.summary().subject() + "\n" + first, detail.summary().language(), hasUnit);
        if (decision.outcome() == RoutingDecision.Outcome.ROUTED && decision.unitId() != null && !hasUnit) {
            cases.transfer(event.organizationId(), event.caseId(), Actor.system(), decision.unitId(), null);
        }
    }
}
