package fi.aspa.routing;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.UUID;

/** The routing module's API. */
public interface Routing {

    /** Ranks the organization's services for a free text; below the threshold the outcome is triage (no guess). */
    Suggestion suggest(OrganizationId organization, String text, Language language);

    /** Classifies a case's text, stores the decision with its reason, and returns it (does not move the case). */
    RoutingDecision decide(OrganizationId organization, UUID caseId, String text, Language language, boolean caseHasUnit);

    /** The case's routing decisions, newest first. */
    List<RoutingDecision> decisions(OrganizationId organization, UUID caseId);
}
