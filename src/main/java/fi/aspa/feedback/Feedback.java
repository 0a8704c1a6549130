package fi.aspa.feedback;

import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What other modules ask of the satisfaction survey. */
public interface Feedback {

    /** The state of a case's survey, for the resident's own pages (the tracking page); empty when it has none. */
    Optional<SurveyState> ofCase(OrganizationId organization, UUID caseId);

    /**
     * The survey's figures for the invitations made in [from, to) ({@code unitId} null for the whole organization):
     * CSAT is {@code satisfied} (4 or 5) of {@code answers}; the response rate is {@code deliveredAnswers} of
     * {@code delivered}, the invitations whose link reached the resident (the rest, {@code invitations - delivered},
     * could not be answered and do not lower it).
     */
    Satisfaction satisfaction(OrganizationId organization, UUID unitId, Instant from, Instant to);

    record Satisfaction(long invitations, long delivered, long answers, long satisfied, long deliveredAnswers) {
        public long undelivered() {
            return invitations - delivered;
        }
    }

    enum SurveyState {
        /** Waiting for the resident's answer. */
        OPEN,
        /** Answered. */
        ANSWERED,
        /** Not answered within the survey's validity (30 days). */
        EXPIRED
    }
}
