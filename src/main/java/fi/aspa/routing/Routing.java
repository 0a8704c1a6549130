package fi.aspa.routing;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The routing module's API. */
public interface Routing {

    /** Ranks the organization's services for a free text; below the threshold the outcome is triage (no guess). */
    Suggestion suggest(OrganizationId organization, String text, Language language);

    /** Classifies a case's text, stores the decision with its reason, and returns it (does not move the case). */
    RoutingDecision decide(OrganizationId organization, UUID caseId, String text, Language language, boolean caseHasUnit);

    /**
     * A person chose the case's service (from triage, or correcting the route): the case moves to the service's unit,
     * the classifier learns the text ({@link RoutingFeedback#corrected} when the service differs from the latest
     * decision's, else {@link RoutingFeedback#confirmed}), the decision is stored with the person as decider and
     * {@link CaseRouted} is published with {@code corrected = true}.
     */
    RoutingDecision choose(OrganizationId organization, UUID caseId, UUID serviceId, UUID staffId);

    /** The case's routing decisions, newest first. */
    List<RoutingDecision> decisions(OrganizationId organization, UUID caseId);

    /**
     * A decision's reason in the locale's language (services named in it from the catalogue, numbers as the locale
     * writes them); empty for a decision made before reasons were stored as codes, whose {@link RoutingDecision#reason()}
     * is English only.
     */
    Optional<String> explain(OrganizationId organization, RoutingDecision decision, Locale locale);
}
