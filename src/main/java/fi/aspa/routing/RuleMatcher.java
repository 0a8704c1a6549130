package fi.aspa.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Whether a rule's conditions hold for a case, and the reasons in words (for the decision's reason). */
final class RuleMatcher {
    private RuleMatcher() {}

    /** The conditions that held, in words, when every condition set holds; empty when one does not. */
    static Optional<List<String>> match(RoutingRule.Conditions when, RuleSubject subject) {
        List<String> why = new ArrayList<>();
        if (when.channel() != null) {
            if (when.channel() != subject.channel()) return Optional.empty();
            why.add("channel " + when.channel());
        }
        if (when.mailbox() != null) {
            if (!subject.tags().contains(RuleSubject.MAILBOX_TAG + when.mailbox().toLowerCase(Locale.ROOT))) return Optional.empty();
            why.add("mailbox " + when.mailbox());
        }
        if (when.open311Code() != null) {
            if (!subject.tags().contains(RuleSubject.OPEN311_TAG + when.open311Code().toLowerCase(Locale.ROOT))) return Optional.empty();
            why.add("Open311 service code " + when.open311Code());
        }
        if (when.language() != null) {
            if (when.language() != subject.language()) return Optional.empty();
            why.add("language " + when.language().code());
        }
        if (when.customerKind() != null) {
            if (when.customerKind() != subject.customerKind()) return Optional.empty();
            why.add("customer " + when.customerKind());
        }
        if (!when.keywords().isEmpty()) {
            String keyword = KeywordMatcher.firstMatch(when.keywords(), subject.text());
            if (keyword == null) return Optional.empty();
            why.add("keyword '" + keyword + "'");
        }
        if (why.isEmpty()) why.add("no conditions (matches every case)");
        return Optional.of(why);
    }

    /** The first enabled rule, in order, that matches, with its reasons. */
    static Optional<Match> first(List<RoutingRule> rules, RuleSubject subject) {
        for (RoutingRule rule : rules) {
            if (!rule.enabled()) continue;
            Optional<List<String>> why = match(rule.when(), subject);
            if (why.isPresent()) return Optional.of(new Match(rule, why.get()));
        }
        return Optional.empty();
    }

    record Match(RoutingRule rule, List<String> why) {
        String reason() {
            return "Rule " + rule.position() + " '" + rule.name() + "' matched: " + String.join(", ", why) + ".";
        }
    }
}
