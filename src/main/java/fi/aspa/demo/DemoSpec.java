package fi.aspa.demo;

import fi.aspa.platform.LocalizedText;
import java.time.Instant;
import java.util.List;

/**
 * What to generate: the same spec gives the same organization (subjects, texts, times, statuses), whatever the
 * database holds already. Only ids, which are time-ordered UUIDs, differ between runs.
 *
 * @param slug      the organization's slug; staff usernames and the API token are prefixed with it unless it is
 *                  the demo organization's own slug (usernames and tokens are unique across organizations)
 * @param name      the organization's name in fi/sv/en (the unit tree, staff and texts are the same for every name)
 * @param customers persons and businesses (the internal customers, a few staff members, come on top)
 * @param cases     spread over the {@value #MONTHS} months before {@code end}
 * @param end       nothing happens after this instant
 */
record DemoSpec(String slug, LocalizedText name, long seed, int customers, int cases, Instant end) {
    static final int MONTHS = 18;
    static final long SEED = 20_260_101L;
    static final LocalizedText DEMO_NAME = new LocalizedText("Esimerkkilän kaupunki", "Exempelby stad", "City of Esimerkkilä");

    /**
     * The demo organization's neighbours on the platform, small (a few hundred cases), for the customer-experience
     * network's comparison: Naapurila with enough cases in a month to be compared, Pikkukylä with too few for some.
     */
    static List<DemoSpec> neighbours(Instant end) {
        return List.of(
                new DemoSpec("naapurila", new LocalizedText("Naapurilan kunta", "Grannby kommun", "Municipality of Naapurila"),
                        SEED + 1, 120, 600, end),
                new DemoSpec("pikkukyla", new LocalizedText("Pikkukylän kunta", "Småby kommun", "Municipality of Pikkukylä"),
                        SEED + 2, 60, 250, end));
    }

    /** An organization named like the demo organization. */
    DemoSpec(String slug, long seed, int customers, int cases, Instant end) {
        this(slug, DEMO_NAME, seed, customers, cases, end);
    }

    DemoSpec {
        if (customers < 20) throw new IllegalArgumentException("at least 20 customers");
        if (cases < 20) throw new IllegalArgumentException("at least 20 cases");
    }

    /** The organization {@code ./aspa start} shows: 1,200 customers and 5,000 cases. */
    static DemoSpec standard(String slug, Instant end) {
        return new DemoSpec(slug, SEED, 1_200, 5_000, end);
    }
}
