package fi.aspa.channels.open311;

import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseEvents.CaseTransferred;
import fi.aspa.cases.CaseEvents.ReplyPosted;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.Cases;
import fi.aspa.cases.Channel;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps a request's public status in step with its case, in the case's own transaction (a plain listener, called
 * as the event is published): a status change, a public reply (the status notes) and a transfer (the agency
 * responsible). Internal notes and assignments are not public and change nothing here.
 */
@Component
class Open311CaseSync {
    private final Open311Store store;
    private final Cases cases;
    private final Clock clock;

    Open311CaseSync(Open311Store store, Cases cases, Clock clock) {
        this.store = store;
        this.cases = cases;
        this.clock = clock;
    }

    @EventListener
    void on(CaseStatusChanged event) {
        store.statusChanged(event.organizationId(), event.caseId(), event.to().name(), clock.instant());
    }

    @EventListener
    void on(ReplyPosted event) {
        if (event.caseChannel() != Channel.OPEN311) return;
        cases.detail(event.organizationId(), event.caseId())
                .flatMap(d -> d.messages().stream().filter(m -> m.id().equals(event.messageId())).findFirst())
                .map(CaseMessage::body)
                .ifPresent(body -> store.replied(event.organizationId(), event.caseId(), body, clock.instant()));
    }

    @EventListener
    void on(CaseTransferred event) {
        if (event.caseChannel() != Channel.OPEN311) return; // only Open311 requests have a public status here
        store.transferred(event.organizationId(), event.caseId(), event.toUnitId());
    }
}
