package fi.aspa.ideas;

import fi.aspa.ideas.IdeaStore.Audience;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For tests outside the ideas package (the crawler): open rounds with ideas in an organization of the test's own (the
 * public pages serve only the public organization), made as the pages make them.
 */
public final class IdeaSubmissions {
    private final IdeaStore store;

    public IdeaSubmissions(ApplicationContext context) {
        this.store = context.getBean(IdeaStore.class);
    }

    /** An open staff round with a colleague's idea, and an open public round with a resident's idea waiting for moderation. */
    public void staffAndResidentIdea(OrganizationId org, UUID staffId, UUID customerId) {
        UUID staffRound = open(org, staffId, Audience.STAFF, "Työtapojen kehittäminen");
        store.submitStaff(org, staffRound, "Yhteinen kalenteri", "Kaikki vuorot yhteen kalenteriin.", Language.FI, staffId);
        UUID publicRound = open(org, staffId, Audience.PUBLIC, "Puistot paremmiksi");
        store.submitPublic(org, publicRound, "Lisää penkkejä", "Puistoon tarvitaan lisää penkkejä.", Language.FI, customerId);
    }

    private UUID open(OrganizationId org, UUID staffId, Audience audience, String title) {
        Instant now = Instant.now();
        return store.createRound(org, staffId, new IdeaStore.NewRound(audience, new LocalizedText(title, title + " (sv)", null),
                new LocalizedText("Kuvaus: " + title, "Beskrivning: " + title, null), null, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)))).id();
    }
}
