package fi.aspa.routing;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
import fi.aspa.cases.CaseEvents.CaseOpened;
import fi.aspa.cases.CaseMessage;
import fi.aspa.cases.CaseSummary;
import fi.aspa.cases.Cases;
import fi.aspa.cases.MessageKind;
import fi.aspa.catalogue.Catalogue;
import fi.aspa.catalogue.CatalogueService;
import fi.aspa.customer.Customer;
import fi.aspa.customer.CustomerKind;
import fi.aspa.customer.Customers;
import fi.aspa.platform.OrganizationId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Routes every new case after commit, whatever its channel. First the organization's routing rules, in order: the
 * first enabled rule that matches decides the service and unit (it moves the case even when a channel gave it a
 * unit: an administrator wrote the rule for exactly that) and applies its assignee, priority and tags. Without a
 * matching rule the classifier decides on the subject and first message, and the case moves to the service's unit
 * only when the classifier is confident and the case has no unit yet (a unit chosen by the resident or a channel is
 * never overridden by a guess).
 */
@Component
class CaseRouter {
    private final Cases cases;
    private final ServiceRouter routing;
    private final RuleStore rules;
    private final Customers customers;
    private final Catalogue catalogue;

    CaseRouter(Cases cases, ServiceRouter routing, RuleStore rules, Customers customers, Catalogue catalogue) {
        this.cases = cases;
        this.routing = routing;
        this.rules = rules;
        this.customers = customers;
        this.catalogue = catalogue;
    }

    @ApplicationModuleListener
    void on(CaseOpened event) {
        OrganizationId org = event.organizationId();
        CaseDetail detail = cases.detail(org, event.caseId()).orElse(null);
        if (detail == null) return;
        CaseSummary summary = detail.summary();
        Optional<RuleMatcher.Match> match = RuleMatcher.first(rules.list(org), subject(org, detail));
        if (match.isPresent() && apply(org, summary, match.get())) return;
        boolean hasUnit = summary.unitId() != null;
        RoutingDecision decision = routing.decide(org, event.caseId(), text(detail), summary.language(), hasUnit);
        if (decision.outcome() == RoutingDecision.Outcome.ROUTED && decision.unitId() != null && !hasUnit) {
            cases.transfer(org, event.caseId(), Actor.system(), decision.unitId(), null);
        }
    }

    /** Applies a matching rule; false when it has nowhere to send the case (its service has no unit), so the classifier decides. */
    private boolean apply(OrganizationId org, CaseSummary summary, RuleMatcher.Match match) {
        RoutingRule.Actions then = match.rule().then();
        UUID serviceId = then.serviceId() != null && catalogue.find(org, then.serviceId()).isPresent() ? then.serviceId() : null;
        UUID unitId = then.unitId() != null ? then.unitId()
                : serviceId == null ? null : catalogue.find(org, serviceId).map(CatalogueService::unitId).orElse(null);
        if (unitId == null) return false;
        routing.decideByRule(org, summary.id(), match, serviceId, unitId);
        Actor actor = Actor.system();
        if (unitId != null && !unitId.equals(summary.unitId())) cases.transfer(org, summary.id(), actor, unitId, null);
        if (then.assigneeId() != null) cases.assign(org, summary.id(), actor, then.assigneeId());
        if (then.priority() != null && then.priority() != summary.priority()) cases.setPriority(org, summary.id(), actor, then.priority());
        if (!then.tags().isEmpty()) {
            Set<String> tags = new HashSet<>(summary.tags());
            if (tags.addAll(then.tags())) cases.setTags(org, summary.id(), actor, tags);
        }
        return true;
    }

    /** What the rules look at in a case. */
    RuleSubject subject(OrganizationId org, CaseDetail detail) {
        CaseSummary summary = detail.summary();
        CustomerKind kind = summary.customerId() == null ? null
                : customers.find(org, summary.customerId()).map(Customer::kind).orElse(null);
        return new RuleSubject(summary.channel(), Set.copyOf(summary.tags()), text(detail), summary.language(), kind);
    }

    /** The text routing reads: the subject and the customer's first message. */
    static String text(CaseDetail detail) {
        String first = detail.messages().stream().filter(m -> m.kind() == MessageKind.INBOUND).findFirst()
                .map(CaseMessage::body).orElse("");
        return detail.summary().subject() + "\n" + first;
    }
}
