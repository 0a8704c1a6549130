package fi.aspa.ideas;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/** Events of the ideas. */
public final class IdeaEvents {
    private IdeaEvents() {}

    public enum Change {
        /** A moderator published the idea ({@code path} is its public page). */
        PUBLISHED,
        /** A moderator rejected it ({@code text} is the reason; no {@code path}). */
        REJECTED,
        /** The organization set its status ({@code status}, e.g. PLANNED) and response ({@code text}, may be null). */
        STATUS
    }

    /**
     * A resident's idea whose sender gave a name or email ({@code customerId}) was moderated or got a status: for a
     * channel that tells them (the email channel mails the customer's address in the idea's language). {@code title}
     * is the sender's own title; published after commit through the event publication registry.
     */
    public record ResidentIdeaUpdated(OrganizationId organizationId, UUID ideaId, UUID customerId, Language language,
                                      String title, Change change, String status, String text, String path, Instant at) {}
}
