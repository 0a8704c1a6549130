package fi.aspa.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a keyset-paged list, newest first, ends: the last row's time (to the microsecond, as PostgreSQL keeps it) and
 * id, written {@code <epoch microseconds>_<id>} for a link ({@code ?before=…}). The (time, id) pair is a total order,
 * so pages neither skip nor repeat rows written meanwhile.
 */
public record PageCursor(Instant at, UUID id) {
    @Override
    public String toString() {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
        return micros + "_" + id;
    }

    /** The cursor a link carried; 422 for anything else (a hand-edited link). */
    public static PageCursor parse(String value) {
        int sep = value == null ? -1 : value.indexOf('_');
        if (sep < 1 || value.length() - sep - 1 != 36) throw invalid();
        try {
            long micros = Long.parseLong(value.substring(0, sep));
            return new PageCursor(Instant.EPOCH.plusNanos(Math.multiplyExact(Math.floorMod(micros, 1_000_000L), 1_000L))
                    .plusSeconds(Math.floorDiv(micros, 1_000_000L)), UUID.fromString(value.substring(sep + 1)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid();
        }
    }

    private static AspaException invalid() {
        return AspaException.invalid("invalid-cursor", "Not a list position");
    }
}
