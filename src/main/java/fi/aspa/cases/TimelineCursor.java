package fi.aspa.cases;

import fi.aspa.platform.AspaException;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a page of a customer's timeline ends: the last message's time (to the microsecond, as PostgreSQL keeps it)
 * and id, written {@code <epoch microseconds>_<message id>} for a link.
 */
record TimelineCursor(Instant at, UUID messageId) {
    @Override
    public String toString() {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
        return micros + "_" + messageId;
    }

    static TimelineCursor parse(String value) {
        int sep = value == null ? -1 : value.indexOf('_');
        if (sep < 1 || value.length() - sep - 1 != 36) throw invalid();
        try {
            long micros = Long.parseLong(value.substring(0, sep));
            return new TimelineCursor(Instant.EPOCH.plusNanos(Math.multiplyExact(Math.floorMod(micros, 1_000_000L), 1_000L))
                    .plusSeconds(Math.floorDiv(micros, 1_000_000L)), UUID.fromString(value.substring(sep + 1)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid();
        }
    }

    private static AspaException invalid() {
        return AspaException.invalid("invalid-cursor", "Not a timeline position");
    }
}
