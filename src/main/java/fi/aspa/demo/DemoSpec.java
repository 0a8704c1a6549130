package fi.aspa.demo;

import java.time.Instant;

/**
 * What to generate: the same spec gives the same organization (subjects, texts, times, statuses), whatever the
 * database holds already. Only ids, which are time-ordered UUIDs, differ between runs.
 *
 * @param slug      the organization's slug; staff usernames and the API token are prefixed with it unless it is
 *                  the demo organization's own slug (usernames and tokens are unique across organizations)
 * @param customers persons and businesses (the internal customers, a few staff members, come on top)
 * @param cases     spread over the {@value #MONTHS} months before {@code end}
 * @param end       nothing happens after this instant
 */
record DemoSpec(String slug, long seed, int customers, int cases, Instant end) {
    static final int MONTHS = 18;
    static final long SEED = 20_260_101L;

    DemoSpec {
        if (customers < 20) throw new IllegalArgumentException("at least 20 customers");
        if (cases < 20) throw new IllegalArgumentException("at least 20 cases");
    }

    /** The organization {@code ./aspa start} shows: 1,200 customers and 5,000 cases. */
    static DemoSpec standard(String slug, Instant end) {
        return new DemoSpec(slug, SEED, 1_200, 5_000, end);
    }
}
