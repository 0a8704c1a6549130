package fi.aspa.channels.api;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.routing.RoutingDecision;
import fi.aspa.cases.CaseEventEntry;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CasePage;
import fi.aspa.cases.CaseStatus;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Channel;
import fi.aspa.cases.Lifecycle;
import fi.aspa.cases.Priority;
import fi.aspa.customer.Customer;
import fi.aspa.customer.CustomerKind;
import fi.aspa.organization.Unit;
import fi.aspa.platform.LocalizedText;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the API answers. Identity codes are never part of any of it. */
final class CaseResponses {
    private CaseResponses() {}

    static String casePath(UUID caseId) {
        return "/api/v1/cases/" + caseId;
    }

    @Schema(name = "Case", description = "A case as listed: absent fields are null")
    record CaseJson(UUID id, String reference, String subject, CaseStatus status, Priority priority, Channel channel,
                    String language, UUID customerId, UUID unitId, UUID assigneeId, List<String> tags,
                    Instant createdAt, Instant updatedAt) {

        static CaseJson of(CaseSummary c) {
            return new CaseJson(c.id(), c.reference(), c.subject(), c.status(), c.priority(), c.channel(),
                    c.language().code(), c.customerId(), c.unitId(), c.assigneeId(), c.tags(), c.createdAt(), c.updatedAt());
        }
    }

    @Schema(name = "CasePage", description = "One page of cases; `hasNext` tells whether another page follows")
    record CasePageJson(List<CaseJson> items, int page, int size, boolean hasNext) {

        static CasePageJson of(CasePage page) {
            return new CasePageJson(page.items().stream().map(CaseJson::of).toList(), page.page(), page.size(), page.hasNext());
        }
    }

    @Schema(name = "CaseDetail", description = "A case with its customer, conversation (notes included) and history")
    record CaseDetailJson(UUID id, String reference, String subject, CaseStatus status, Priority priority,
                          Channel channel, String language, String topic, CustomerJson customer, UUID unitId,
                          UUID assigneeId, List<String> tags, Instant createdAt, Instant updatedAt,
                          @Schema(description = "The statuses POST /status accepts now") Set<CaseStatus> nextStatuses,
                          List<MessageJson> messages, List<HistoryJson> history,
                          @Schema(description = "The latest routing decision; null before the case is routed. Every decision: GET /api/v1/routing/cases/{id}/decisions")
                          RoutingJson routing) {

        static CaseDetailJson of(CaseDetail detail, CustomerJson customer, RoutingJson routing) {
            CaseSummary c = detail.summary();
            return new CaseDetailJson(c.id(), c.reference(), c.subject(), c.status(), c.priority(), c.channel(),
                    c.language().code(), detail.topic(), customer, c.unitId(), c.assigneeId(), c.tags(),
                    c.createdAt(), c.updatedAt(), Lifecycle.nextFrom(c.status()),
                    detail.messages().stream().map(MessageJson::of).toList(),
                    detail.history().stream().map(HistoryJson::of).toList(), routing);
        }
    }

    @Schema(name = "CaseRouting", description = "Why the case went where it went: the latest routing decision. "
            + "`decidedBy` is the staff member who chose or corrected the service, `ruleId` the routing rule that decided; "
            + "both null when the classifier decided (`model` names it). `outcome` TRIAGE means no service was guessed.")
    record RoutingJson(UUID decisionId, RoutingDecision.Outcome outcome, UUID serviceId, String serviceName,
                       String open311Code, UUID unitId, UUID decidedBy, UUID ruleId, double confidence, String reason,
                       String model, Instant decidedAt) {

        static RoutingJson of(RoutingDecision d, String serviceName, String open311Code) {
            return new RoutingJson(d.id(), d.outcome(), d.serviceId(), serviceName, open311Code, d.unitId(), d.decidedBy(),
                    d.ruleId(), d.confidence(), d.reason(), d.model(), d.decidedAt());
        }
    }

    @Schema(name = "CaseCustomer", description = "Who the case is from; contact details and identity codes are not included")
    record CustomerJson(UUID id, CustomerKind kind, String name, String language) {

        static CustomerJson of(Customer customer) {
            return new CustomerJson(customer.id(), customer.kind(), customer.name(), customer.preferredLanguage().code());
        }
    }

    @Schema(name = "Message")
    record MessageJson(UUID id, ApiMessageKind kind, Channel channel, UUID authorStaffId, String body, Instant createdAt,
                       List<AttachmentJson> attachments) {

        static MessageJson of(CaseMessage m) {
            return new MessageJson(m.id(), ApiMessageKind.of(m.kind()), m.channel(), m.authorStaffId(), m.body(),
                    m.createdAt(), m.attachments().stream().map(a -> AttachmentJson.of(m.caseId(), a)).toList());
        }
    }

    @Schema(name = "Attachment", description = "Metadata; `href` downloads the file")
    record AttachmentJson(UUID id, String filename, String contentType, long sizeBytes, String href) {

        static AttachmentJson of(UUID caseId, CaseMessage.AttachmentInfo a) {
            return new AttachmentJson(a.id(), a.filename(), a.contentType(), a.sizeBytes(),
                    casePath(caseId) + "/attachments/" + a.id());
        }
    }

    @Schema(name = "HistoryEntry", description = "Who did what and when")
    record HistoryJson(String type, Actor.Kind actor, UUID actorStaffId, Map<String, Object> detail, Instant at) {

        static HistoryJson of(CaseEventEntry e) {
            return new HistoryJson(e.type(), e.actor(), e.actorStaffId(), e.detail(), e.at());
        }
    }

    @Schema(name = "Unit")
    record UnitJson(UUID id, UUID parentId, LocalizedText name, String email) {

        static UnitJson of(Unit unit) {
            return new UnitJson(unit.id(), unit.parentId(), unit.name(), unit.email());
        }
    }
}
