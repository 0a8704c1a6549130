package fi.aspa.routing;

import fi.aspa.routing.RoutingReason.Condition.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a rule's conditions hold for a case, and which held with the case's values (the decision's
 * {@link RoutingReason}), also in English words (the decision's reason).
 */
final class RuleMatcher {
    private RuleMatcher() {}

    /** The conditions that held, when every condition set holds; empty when one does not. */
    static Optional<List<RoutingReason.Condition>> match(RoutingRule.Conditions when, RuleSubject subject) {
        List<RoutingReason.Condition> why = new ArrayList<>();
        if (when.channel() != null) {
            if (when.channel() != subject.channel()) return Optional.empty();
            why.add(new RoutingReason.Condition(Kind.CHANNEL, when.channel().name()));
        }
        if (when.mailbox() != null) {
            if (!subject.tags().contains(RuleSubject.MAILBOX_TAG + when.mailbox().toLowerCase(Locale.ROOT))) return Optional.empty();
            why.add(new RoutingReason.Condition(Kind.MAILBOX, when.mailbox()));
        }
        if (when.open311Code() != null) {
            if (!subject.tags().contains(RuleSubject.OPEN311_TAG + when.open311Code().toLowerCase(Locale.ROOT))) return Optional.empty();
            why.add(new RoutingReason.Condition(Kind.OPEN311_CODE, when.open311Code()));
        }
        if (when.language() != null) {
            if (when.language() != subject.language()) return Optional.empty();
            why.add(new RoutingReason.Condition(Kind.LANGUAGE, when.language().code()));
        }
        if (when.customerKind() != null) {
            if (when.customerKind() != subject.customerKind()) return Optional.empty();
            why.add(new RoutingReason.Condition(Kind.CUSTOMER_KIND, when.customerKind().name()));
        }
        if (!when.keywords().isEmpty()) {
            String keyword = KeywordMatcher.firstMatch(when.keywords(), subject.text());
            if (keyword == null) return Optional.empty();
            why.add(new RoutingReason.Condition(Kind.KEYWORD, keyword));
        }
        if (why.isEmpty()) why.add(new RoutingReason.Condition(Kind.NONE, null));
        return Optional.of(why);
    }

    /** The first enabled rule, in order, that matches, with its reasons. */
    static Optional<Match> first(List<RoutingRule> rules, RuleSubject subject) {
        for (RoutingRule rule : rules) {
            if (!rule.enabled()) continue;
            Optional<List<RoutingReason.Condition>> why = match(rule.when(), subject);
            if (why.isPresent()) return Optional.of(new Match(rule, why.get()));
        }
        return Optional.empty();
    }

    record Match(RoutingRule rule, List<RoutingReason.Condition> why) {
        /** In English, for the API. */
        String reason() {
            return "Rule " + rule.position() + " '" + rule.name() + "' matched: "
                    + String.join(", ", why.stream().map(RoutingReason.Condition::english).toList()) + ".";
        }

        /** As codes, for the pages. */
        RoutingReason structured() {
            return RoutingReason.rule(rule.position(), rule.name(), why);
        }
    }
}
