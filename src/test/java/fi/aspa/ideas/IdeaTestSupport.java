package fi.aspa.ideas;

import fi.aspa.Fixtures;
import fi.aspa.ideas.IdeaStore.Audience;
import fi.aspa.platform.LocalizedText;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Rounds for the ideas' tests, relative to now with wide margins (no test depends on a moment). */
final class IdeaTestSupport {
    /**
     * A word no other test writes: random letters only, since a published idea passes the personal-data filter and
     * a run of digits in a random UUID can look like a phone number to it.
     */
    static String word() {
        return java.util.UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    }

    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    private IdeaTestSupport() {}

    /** A client address of its own, so that the per-address allowances of one test do not meet another's. */
    static String address() {
        int n = ADDRESS.getAndIncrement();
        return "10.88." + (n / 250) + "." + (n % 250 + 1);
    }

    static IdeaStore.Round round(IdeaStore store, Fixtures.Org org, Audience audience, String title, Duration opensIn, Duration closesIn) {
        Instant now = Instant.now();
        return store.createRound(org.id(), org.manager().id(), new IdeaStore.NewRound(audience,
                new LocalizedText(title, title + " (sv)", null),
                new LocalizedText("Kuvaus: " + title, "Beskrivning: " + title, null), null, now.plus(opensIn), now.plus(closesIn)));
    }

    static IdeaStore.Round open(IdeaStore store, Fixtures.Org org, Audience audience, String title) {
        return round(store, org, audience, title, Duration.ofDays(-1), Duration.ofDays(30));
    }
}
