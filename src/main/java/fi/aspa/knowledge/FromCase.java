package fi.aspa.knowledge;

import fi.aspa.customer.PersonalDataFilter;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
import fi.aspa.customer.Customer;
import fi.aspa.customer.Customers;
import fi.aspa.identity.StaffPrincipal;
import fi.aspa.platform.AspaException;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import fi.aspa.routing.Routing;
import fi.aspa.routing.RoutingDecision;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * "Make an article" beside a reply in the case view: a draft with the reply's text, personal data removed, linked
 * to the service the case was routed to; the editor opens for the staff member to check and confirm.
 */
@Controller
class FromCase {
    private final KnowledgeStore knowledge;
    private final Cases cases;
    private final Customers customers;
    private final Routing routing;
    private final Clock clock;

    FromCase(KnowledgeStore knowledge, Cases cases, Customers customers, Routing routing, Clock clock) {
        this.knowledge = knowledge;
        this.cases = cases;
        this.customers = customers;
        this.routing = routing;
        this.clock = clock;
    }

    @PostMapping("/workspace/knowledge/from-case/{caseId}/{messageId}")
    String fromReply(@PathVariable UUID caseId, @PathVariable UUID messageId, @AuthenticationPrincipal StaffPrincipal me) {
        Article article = draftFromReply(me.organizationId(), Editor.of(me), caseId, messageId);
        return "redirect:/workspace/knowledge/" + article.id() + "?fromCase";
    }

    Article draftFromReply(OrganizationId org, Editor editor, UUID caseId, UUID messageId) {
        CaseDetail detail = cases.detail(org, caseId).orElseThrow(() -> AspaException.notFound("Case"));
        CaseMessage reply = detail.messages().stream().filter(m -> m.id().equals(messageId) && m.kind() == MessageKind.OUTBOUND)
                .findFirst().orElseThrow(() -> AspaException.notFound("Reply"));
        Language language = detail.summary().language();
        Customer customer = customers.find(org, detail.summary().customerId()).orElse(null);
        String title = PersonalDataFilter.strip(detail.summary().subject(), customer, language);
        String body = PersonalDataFilter.strip(reply.body(), customer, language);
        if (title.length() > KnowledgeStore.MAX_TITLE) title = title.substring(0, KnowledgeStore.MAX_TITLE);
        if (title.isBlank()) title = PersonalDataFilter.placeholder("name", language);
        List<UUID> services = routing.decisions(org, caseId).stream().map(RoutingDecision::serviceId).filter(Objects::nonNull)
                .findFirst().map(List::of).orElse(List.of());
        ArticleDraft draft = new ArticleDraft(Map.of(language, new ArticleText(title, body)), ArticleVisibility.INTERNAL,
                editor.staffId(), LocalDate.now(clock).plusYears(1), services, List.of(), null);
        return knowledge.create(org, editor, draft, caseId);
    }
}
