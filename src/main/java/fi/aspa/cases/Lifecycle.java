package fi.aspa.cases;

import static fi.aspa.cases.CaseStatus.CLOSED;
import static fi.aspa.cases.CaseStatus.NEW;
import static fi.aspa.cases.CaseStatus.OPEN;
import static fi.aspa.cases.CaseStatus.RESOLVED;
import static fi.aspa.cases.CaseStatus.WAITING;

import fi.aspa.platform.AspaException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The case lifecycle as an explicit transition table. Staff (and API clients) move a case along the table;
 * a customer's reply reopens a case that was waiting, resolved or closed. Anything else is refused.
 *
 * <pre>
 *   NEW ──► OPEN ◄──► WAITING
 *    │  ╲     │          │
 *    │   ╲    ▼          ▼
 *    └────► RESOLVED ──► CLOSED
 *             ▲  │ reopen   │ reopen
 *             │  └──► OPEN ◄┘
 * </pre>
 */
public final class Lifecycle {
    private static final Map<CaseStatus, Set<CaseStatus>> STAFF_MOVES = new EnumMap<>(Map.of(
            NEW, EnumSet.of(OPEN, WAITING, RESOLVED),
            OPEN, EnumSet.of(WAITING, RESOLVED),
            WAITING, EnumSet.of(OPEN, RESOLVED),
            RESOLVED, EnumSet.of(OPEN, CLOSED),
            CLOSED, EnumSet.of(OPEN)));

    private Lifecycle() {}

    public static boolean allows(CaseStatus from, CaseStatus to) {
        return STAFF_MOVES.get(from).contains(to);
    }

    public static Set<CaseStatus> nextFrom(CaseStatus from) {
        return EnumSet.copyOf(STAFF_MOVES.get(from));
    }

    /** The status after a staff or API move; throws when the table has no such move. */
    static CaseStatus move(CaseStatus from, CaseStatus to) {
        if (!allows(from, to)) {
            throw AspaException.conflict("illegal-transition", "A case cannot move from " + from + " to " + to, from, to);
        }
        return to;
    }

    /** The status after the customer writes: a new case stays new, everything else is (re)opened. */
    static CaseStatus afterCustomerReply(CaseStatus from) {
        return from == NEW ? NEW : OPEN;
    }

    /** A staff reply starts the work on a new case. */
    static CaseStatus afterStaffReply(CaseStatus from, CaseStatus requested) {
        if (requested != null && requested != from) return move(from, requested);
        return from == NEW ? OPEN : from;
    }
}
