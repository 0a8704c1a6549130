package fi.aspa.feedback;

import fi.aspa.cases.Channel;
import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
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

    /**
     * Surveys of cases resolved before (an import of past cases, the demo's history): each case's invitation at its
     * given time (the cases are the organization's; the caller says so), with its answer or none. A case that has an invitation already keeps it. Nothing is mailed and no
     * link is handed out. Returns how many were written. A score outside 1–5, an answer without a score or before its
     * invitation, or a comment over 2,000 characters is refused (nothing is written).
     */
    int importHistorical(OrganizationId organization, List<HistoricalSurvey> surveys);

    /** One past survey: {@code answeredAt}, {@code score} and {@code comment} null when it was not answered. */
    record HistoricalSurvey(UUID caseId, UUID unitId, Channel channel, Language language, Instant invitedAt,
                            Instant answeredAt, Integer score, String comment) {}

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
