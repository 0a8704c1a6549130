package fi.aspa.assistant;

import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEvents.CaseStatusChanged;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
import fi.aspa.routing.CaseRouted;
import fi.aspa.search.DocumentType;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchIndex;
import fi.aspa.search.Visibility;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps resolved cases in the search index for "similar resolved cases" (type CASE, visibility STAFF_ONLY, body =
 * subject and the conversation without internal notes), and remembers the service a case was routed to. A case that
 * is reopened leaves the index until it is resolved again. Both run after commit from the event registry.
 */
@Component
class CaseIndexer {
    private static final int MAX_BODY = 20_000;

    private final Cases cases;
    private final SearchIndex index;
    private final BotStore store;
    private final Clock clock;

    CaseIndexer(Cases cases, SearchIndex index, BotStore store, Clock clock) {
        this.cases = cases;
        this.index = index;
        this.store = store;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(CaseStatusChanged event) {
        if (event.to() == CaseStatus.RESOLVED) {
            cases.detail(event.organizationId(), event.caseId()).ifPresent(detail -> index.index(document(detail)));
        } else if (event.from() == CaseStatus.RESOLVED && event.to() != CaseStatus.CLOSED) {
            index.delete(event.organizationId(), event.caseId().toString());
        }
    }

    @ApplicationModuleListener
    void on(CaseRouted event) {
        if (event.serviceId() != null) store.caseService(event.organizationId(), event.caseId(), event.serviceId(), clock.instant());
    }

    static SearchDocument document(CaseDetail detail) {
        StringBuilder body = new StringBuilder(detail.summary().subject());
        for (CaseMessage m : detail.messages()) {
            if (m.kind() == MessageKind.NOTE) continue;
            if (body.length() + m.body().length() > MAX_BODY) break;
            body.append("\n\n").append(m.body());
        }
        return new SearchDocument(detail.summary().id().toString(), detail.organizationId(), DocumentType.CASE,
                detail.summary().language(), detail.summary().subject(), body.toString(), List.of(detail.summary().reference()),
                Map.of(), Visibility.STAFF_ONLY, detail.summary().updatedAt());
    }
}
