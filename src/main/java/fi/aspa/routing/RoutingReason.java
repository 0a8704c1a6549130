package fi.aspa.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * Why a decision was made, as a code and its arguments, so that a page can say it in its reader's language
 * ({@link Routing#explain}); {@link RoutingDecision#reason()} says the same in English for the API. Only the arguments
 * of the code are set: the rule's position, name and the conditions that held ({@link Code#RULE}); the best service's
 * id and name (Finnish, as decided), Open311 code, the confidence, threshold and the words that weighed most (the
 * classifier's codes); the chosen service and the previous one (a person's).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingReason(Code code, Integer rulePosition, String ruleName, List<Condition> conditions, UUID serviceId,
                            String serviceName, String open311Code, Double confidence, Double threshold, List<String> words,
                            UUID previousServiceId, String previousServiceName, Boolean fromTriage, Boolean moved) {

    public enum Code {
        /** A routing rule matched. */
        RULE,
        /** The classifier was confident: routed to the service's unit. */
        CLASSIFIER,
        /** The classifier's best match, but the case already had its unit: not moved. */
        KEPT,
        /** The classifier was not confident enough: to triage. */
        TRIAGE,
        /** The best match has no responsible unit: to triage. */
        NO_UNIT,
        /** The catalogue has no services to route to. */
        NO_SERVICES,
        /** A person chose the service (from triage, or the one routing had chosen, or for a case never routed). */
        PERSON_CHOSE,
        /** A person changed the service routing had chosen. */
        PERSON_CORRECTED
    }

    /** A rule condition that held, and the case's value it held for (a channel, address, code, keyword…). */
    public record Condition(Kind kind, String value) {
        public enum Kind { CHANNEL, MAILBOX, OPEN311_CODE, LANGUAGE, CUSTOMER_KIND, KEYWORD, NONE }

        /** In English, for the stored reason. */
        String english() {
            return switch (kind) {
                case CHANNEL -> "channel " + value;
                case MAILBOX -> "mailbox " + value;
                case OPEN311_CODE -> "Open311 service code " + value;
                case LANGUAGE -> "language " + value;
                case CUSTOMER_KIND -> "customer " + value;
                case KEYWORD -> "keyword '" + value + "'";
                case NONE -> "no conditions (matches every case)";
            };
        }
    }

    public RoutingReason {
        conditions = conditions == null ? null : List.copyOf(conditions);
        words = words == null ? null : List.copyOf(words);
    }

    static RoutingReason rule(int position, String name, List<Condition> conditions) {
        return new RoutingReason(Code.RULE, position, name, conditions, null, null, null, null, null, null, null, null, null, null);
    }

    static RoutingReason classifier(Code code, RoutingDecision.Alternative best, double threshold, List<String> words) {
        return new RoutingReason(code, null, null, null, best.serviceId(), best.name(), best.open311Code(), best.confidence(),
                threshold, words, null, null, null, null);
    }

    static RoutingReason noServices() {
        return new RoutingReason(Code.NO_SERVICES, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static RoutingReason person(boolean corrected, UUID serviceId, String serviceName, UUID previousServiceId,
                                String previousServiceName, boolean fromTriage, boolean moved) {
        return new RoutingReason(corrected ? Code.PERSON_CORRECTED : Code.PERSON_CHOSE, null, null, null, serviceId, serviceName,
                null, null, null, null, previousServiceId, previousServiceName, fromTriage, moved);
    }
}
