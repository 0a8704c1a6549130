package fi.aspa.feedback;

import fi.aspa.cases.Channel;
import fi.aspa.platform.OrganizationId;
import java.util.UUID;

/** Events of the satisfaction survey. */
public final class FeedbackEvents {
    private FeedbackEvents() {}

    /**
     * A resolved case's resident was invited to the survey; {@code path} is the private link
     * ({@code /feedback/<token>}; the channel adds the language it writes in), for a channel that delivers it (the email channel mails EMAIL cases). The
     * link is in the event publication registry only until its listener completes (completion mode delete).
     */
    public record SurveyInvited(OrganizationId organizationId, UUID caseId, Channel channel, String path) {}
}
