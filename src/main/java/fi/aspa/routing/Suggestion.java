package fi.aspa.routing;

import java.util.List;

/**
 * The ranked services for a text. {@code outcome} is {@link RoutingDecision.Outcome#ROUTED} when the best one is
 * confident enough ({@code confidence >= threshold}), otherwise {@link RoutingDecision.Outcome#TRIAGE}: the ranking
 * is still given (a form may offer it as choices), but nothing should be routed on it.
 */
public record Suggestion(RoutingDecision.Outcome outcome, double threshold, List<RoutingDecision.Alternative> ranked) {

    public Suggestion {
        ranked = List.copyOf(ranked);
    }
}
