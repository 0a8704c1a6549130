package fi.aspa.feedback;

import fi.aspa.platform.OrganizationId;
import java.util.Optional;
import java.util.UUID;

/** What other modules ask of the satisfaction survey. */
public interface Feedback {

    /** The state of a case's survey, for the resident's own pages (the tracking page); empty when it has none. */
    Optional<SurveyState> ofCase(OrganizationId organization, UUID caseId);

    enum SurveyState {
        /** Waiting for the resident's answer. */
        OPEN,
        /** Answered. */
        ANSWERED,
        /** Not answered within the survey's validity (30 days). */
        EXPIRED
    }
}
