package fi.aspa.customer;

/** Why two customers may be the same person, with the weight each reason adds to the score (at most 100). */
public enum DuplicateReason {
    /** Both have the same email address (verified or not). */
    SAME_EMAIL(50),
    /** Both have the same phone number (verified or not; a family may share one). */
    SAME_PHONE(40),
    /** The same name, ignoring case and spacing; alone not enough to suggest a duplicate. */
    SAME_NAME(30),
    /** Nearly the same email: the same local part at another domain, or a typo or two apart. */
    SIMILAR_EMAIL(20),
    /** Nearly the same phone number: one digit apart. */
    SIMILAR_PHONE(15);

    private final int weight;

    DuplicateReason(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }
}
