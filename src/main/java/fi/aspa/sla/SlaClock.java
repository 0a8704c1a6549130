package fi.aspa.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * One service-level clock of a case as the case view shows it: how much business time is left of the target (negative
 * when breached), whether it is running, paused (waiting for the customer) or stopped, and whether the warning and the
 * escalation have happened.
 */
public record SlaClock(Kind kind, State state, Duration target, Duration remaining, Instant dueAt, boolean warned,
                       boolean breached) {

    public enum Kind { FIRST_RESPONSE, RESOLUTION }

    public enum State { RUNNING, PAUSED, STOPPED }

    /** Past the target: escalated, or (before the job's next run) out of time. */
    public boolean overdue() {
        return breached || remaining.isNegative() || remaining.isZero();
    }

    public long remainingHours() {
        return Math.abs(remaining.toMinutes()) / 60;
    }

    public long remainingMinutes() {
        return Math.abs(remaining.toMinutes()) % 60;
    }

    public String kindKey() {
        return "sla.kind." + kind.name().toLowerCase().replace('_', '-');
    }

    public String stateKey() {
        return "sla.state." + state.name().toLowerCase();
    }
}
