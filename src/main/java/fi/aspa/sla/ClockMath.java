package fi.aspa.sla;

import fi.aspa.cases.CaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure part of a clock: from a case's status changes to the periods its clock ran, and from those periods and a
 * business calendar to the business time used and the instants the warning and the target are crossed.
 *
 * <p>A clock runs while the case is NEW or OPEN, pauses while it is WAITING (for the customer), stops while it is
 * RESOLVED or CLOSED (a reopening resumes it). The first-response clock also stops for good at the first reply.
 */
final class ClockMath {
    private ClockMath() {}

    record StatusChange(Instant at, CaseStatus to) {}

    record Period(Instant from, Instant to) {}

    /** Closed periods in time order, and the start of the period still running (null when not running). */
    record Timeline(List<Period> closed, Instant runningSince, SlaClock.State state) {}

    record Measure(Duration elapsed, Instant warnAt, Instant dueAt) {}

    /**
     * @param start        when the clock started
     * @param initial      the case's status at {@code start}
     * @param changes      the status changes, in time order (those before {@code start} are skipped)
     * @param stopForGood  when the clock stopped for good (the first reply), or null
     */
    static Timeline timeline(Instant start, CaseStatus initial, List<StatusChange> changes, Instant stopForGood) {
        List<Period> closed = new ArrayList<>();
        CaseStatus status = initial;
        Instant since = start;
        for (StatusChange change : changes) {
            if (change.at().isBefore(start)) {
                continue;
            }
            if (stopForGood != null && !change.at().isBefore(stopForGood)) break;
            if (runs(status) && !runs(change.to()) && change.at().isAfter(since)) closed.add(new Period(since, change.at()));
            if (!runs(status) && runs(change.to())) since = change.at();
            status = change.to();
        }
        if (stopForGood != null) {
            if (runs(status) && stopForGood.isAfter(since)) closed.add(new Period(since, stopForGood));
            return new Timeline(closed, null, SlaClock.State.STOPPED);
        }
        if (runs(status)) return new Timeline(closed, since, SlaClock.State.RUNNING);
        return new Timeline(closed, null, status == CaseStatus.WAITING ? SlaClock.State.PAUSED : SlaClock.State.STOPPED);
    }

    static Measure measure(BusinessCalendar calendar, Timeline timeline, Duration target, int warnPercent, Instant now) {
        Duration elapsed = Duration.ZERO;
        for (Period p : timeline.closed()) elapsed = elapsed.plus(calendar.between(p.from(), p.to()));
        if (timeline.runningSince() != null) elapsed = elapsed.plus(calendar.between(timeline.runningSince(), now));
        Duration warn = Duration.ofSeconds(target.toSeconds() * warnPercent / 100);
        return new Measure(elapsed, crossing(calendar, timeline, warn), crossing(calendar, timeline, target));
    }

    /** The instant the clock reaches {@code threshold} of business time, past or future; null if it stopped before. */
    static Instant crossing(BusinessCalendar calendar, Timeline timeline, Duration threshold) {
        Duration used = Duration.ZERO;
        for (Period p : timeline.closed()) {
            Duration d = calendar.between(p.from(), p.to());
            if (used.plus(d).compareTo(threshold) >= 0) return calendar.plus(p.from(), threshold.minus(used));
            used = used.plus(d);
        }
        if (timeline.runningSince() != null) return calendar.plus(timeline.runningSince(), threshold.minus(used));
        return null;
    }

    private static boolean runs(CaseStatus status) {
        return status == CaseStatus.NEW || status == CaseStatus.OPEN;
    }
}
