package fi.aspa.routing;

import fi.aspa.cases.Channel;
import fi.aspa.cases.Priority;
import fi.aspa.customer.CustomerKind;
import fi.aspa.platform.Language;
import java.util.List;
import java.util.UUID;

/**
 * An explicit routing rule of an organization, tried in {@code position} order before the classifier. Every
 * condition that is set must hold; null (or no keywords) means "any". Keywords match when any one of them occurs
 * in the case's subject or first message ({@link KeywordMatcher}). The actions: the service and/or the unit (at
 * least one), optionally an assignee, a priority and tags added to the case.
 */
record RoutingRule(UUID id, int position, String name, boolean enabled, Conditions when, Actions then) {

    RoutingRule {
        if (then.serviceId() == null && then.unitId() == null) throw new IllegalArgumentException("a rule needs a service or a unit");
    }

    /**
     * @param mailbox     the address of the mailbox an email came through (the email module tags such cases
     *                    {@code mailbox:<address>})
     * @param open311Code an Open311 service code (the Open311 channel tags such cases {@code open311:<code>})
     */
    record Conditions(Channel channel, String mailbox, String open311Code, List<String> keywords, Language language,
                      CustomerKind customerKind) {
        Conditions {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
    }

    record Actions(UUID serviceId, UUID unitId, UUID assigneeId, Priority priority, List<String> tags) {
        Actions {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }
}
