package fi.aspa.routing;

import fi.aspa.cases.Actor;
import fi.aspa.cases.CaseDetail;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Routes new cases, whatever their channel, in the transaction of {@link RoutingWorker} (which claims them from
 * {@code routing_pending}). First the organization's routing rules, in order: the first enabled rule that matches
 * decides the service and unit (it moves the case even when a channel gave it a unit: an administrator wrote the rule
 * for exactly that) and applies its assignee, priority and tags. Without a matching rule the classifier decides on the
 * subject and first message, and the case moves to the service's unit only when the classifier is confident and the
 * case has no unit yet (a unit chosen by the resident or a channel is never overridden by a guess). The batch's
 * classified cases are moved together, its decisions stored together, and {@link CaseRouted} is published last
 * ({@link #finish}), when the cases are as routing leaves them: its listeners (clocks, assignment) run synchronously
 * in the same transaction.
 */
@Component
class CaseRouter {
    private final Cases cases;
    private final ServiceRouter routing;
    private final RuleStore rules;
    private final Customers customers;
    private final Catalogue catalogue;
    private final ApplicationEventPublisher events;
    private final JdbcClient db;
    private final ObjectProvider<AssigneeChooser> chooser;

    CaseRouter(Cases cases, ServiceRouter routing, RuleStore rules, Customers customers, Catalogue catalogue,
               ApplicationEventPublisher events, JdbcClient db, ObjectProvider<AssigneeChooser> chooser) {
        this.db = db;
        this.chooser = chooser;
        this.cases = cases;
        this.routing = routing;
        this.rules = rules;
        this.customers = customers;
        this.catalogue = catalogue;
        this.events = events;
    }

    /** What routing reads once per organization and batch: the rules and the classifier's model. */
    record Context(OrganizationId organization, List<RoutingRule> rules, boolean rulesNeedCustomerKind, ServiceRouter.Trained model) {}

    /**
     * Two statements when nothing changed: whether the feedback and the rules changed, in one (the rules are read again
     * only then), and the catalogue's version (the model is retrained only when either changed).
     */
    Context context(OrganizationId org) {
        String[] versions = db.sql("select " + ServiceRouter.FEEDBACK_VERSION + ", " + RuleStore.VERSION)
                .params(org.value(), org.value()).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
        List<RoutingRule> list = rules.cached(org, versions[1]);
        boolean kind = list.stream().anyMatch(r -> r.enabled() && r.when().customerKind() != null);
        return new Context(org, list, kind, routing.model(org, versions[0]));
    }

    /**
     * Routes one new case of a batch: decides and applies the decision to the case; {@link #finish} stores the batch's
     * decisions and publishes their events.
     */
    RoutingDecision route(Context context, CaseDetail detail) {
        OrganizationId org = context.organization();
        CaseSummary summary = detail.summary();
        RoutingDecision decision = null;
        if (!context.rules().isEmpty()) {
            CustomerKind kind = !context.rulesNeedCustomerKind() || summary.customerId() == null ? null
                    : customers.find(org, summary.customerId()).map(Customer::kind).orElse(null);
            Optional<RuleMatcher.Match> match = RuleMatcher.first(context.rules(),
                    new RuleSubject(summary.channel(), Set.copyOf(summary.tags()), text(detail), summary.language(), kind));
            if (match.isPresent()) decision = apply(org, summary, match.get());
        }
        if (decision == null) {
            boolean hasUnit = summary.unitId() != null;
            decision = routing.classify(org, summary.id(), text(detail), hasUnit, context.model());
        }
        return decision;
    }

    /**
     * Finishes a batch of one organization's new cases: moves its classified cases to their units, each with the
     * person {@link AssigneeChooser} chose for it in the same update; stores the decisions with one statement; then
     * publishes {@link CaseRouted} for each (their listeners run synchronously, in this transaction, with the cases as
     * routing left them) and {@link CasesRouted} for the batch.
     */
    void finish(OrganizationId org, List<RoutingDecision> decisions) {
        if (decisions.isEmpty()) return;
        Map<UUID, AssigneeChooser.Move> moves = new LinkedHashMap<>();
        for (RoutingDecision d : decisions) {
            // The classifier's confident decisions for cases without a unit (a rule has moved its case already)
            if (d.ruleId() == null && d.outcome() == RoutingDecision.Outcome.ROUTED && d.unitId() != null) {
                moves.put(d.caseId(), new AssigneeChooser.Move(d.unitId(), d.serviceId()));
            }
        }
        if (!moves.isEmpty()) {
            // The person first, so that one update moves and assigns each case
            AssigneeChooser who = chooser.getIfAvailable();
            Map<UUID, UUID> assignees = who == null ? Map.of() : who.choose(org, moves);
            Map<UUID, UUID> units = new LinkedHashMap<>();
            moves.forEach((caseId, move) -> units.put(caseId, move.unitId()));
            cases.transferAll(org, Actor.system(), units, assignees);
        }
        routing.insert(decisions);
        List<CaseRouted> routed = decisions.stream().map(d -> ServiceRouter.routed(d, false)).toList();
        routed.forEach(events::publishEvent);
        events.publishEvent(new CasesRouted(org, routed));
    }

    /** Applies a matching rule; null when it has nowhere to send the case (its service has no unit), so the classifier decides. */
    private RoutingDecision apply(OrganizationId org, CaseSummary summary, RuleMatcher.Match match) {
        RoutingRule.Actions then = match.rule().then();
        UUID serviceId = then.serviceId() != null && catalogue.find(org, then.serviceId()).isPresent() ? then.serviceId() : null;
        UUID unitId = then.unitId() != null ? then.unitId()
                : serviceId == null ? null : catalogue.find(org, serviceId).map(CatalogueService::unitId).orElse(null);
        if (unitId == null) return null;
        RoutingDecision decision = routing.decideByRule(org, summary.id(), match, serviceId, unitId);
        Actor actor = Actor.system();
        if (unitId != null && !unitId.equals(summary.unitId())) cases.transfer(org, summary.id(), actor, unitId, null);
        if (then.assigneeId() != null) cases.assign(org, summary.id(), actor, then.assigneeId());
        if (then.priority() != null && then.priority() != summary.priority()) cases.setPriority(org, summary.id(), actor, then.priority());
        if (!then.tags().isEmpty()) {
            Set<String> tags = new HashSet<>(summary.tags());
            if (tags.addAll(then.tags())) cases.setTags(org, summary.id(), actor, tags);
        }
        return decision;
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
