package fi.aspa.cases;

import java.util.UUID;

/** Who did something to a case: recorded in its history. */
public record Actor(Kind kind, UUID staffId) {
    public enum Kind { STAFF, CUSTOMER, SYSTEM, API }

    public static Actor staff(UUID staffId) {
        return new Actor(Kind.STAFF, staffId);
    }

    public static Actor customer() {
        return new Actor(Kind.CUSTOMER, null);
    }

    public static Actor api() {
        return new Actor(Kind.API, null);
    }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, null);
    }
}
