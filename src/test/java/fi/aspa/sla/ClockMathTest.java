package fi.aspa.sla;

import static fi.aspa.cases.CaseStatus.CLOSED;
import static fi.aspa.cases.CaseStatus.NEW;
import static fi.aspa.cases.CaseStatus.OPEN;
import static fi.aspa.cases.CaseStatus.RESOLVED;
import static fi.aspa.cases.CaseStatus.WAITING;
import static fi.aspa.sla.BusinessCalendarTest.at;
import static fi.aspa.sla.BusinessCalendarTest.local;
import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.cases.CaseStatus;
import fi.aspa.sla.ClockMath.Measure;
import fi.aspa.sla.ClockMath.StatusChange;
import fi.aspa.sla.ClockMath.Timeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clocks pause while waiting for the customer, stop when resolved, resume on reopening; thresholds in business time. */
class ClockMathTest {
    final BusinessCalendar calendar = BusinessCalendar.standard();

    static StatusChange change(String at, CaseStatus to) {
        return new StatusChange(at(at), to);
    }

    @Test
    void runsFromTheStartInBusinessTime() {
        Timeline t = ClockMath.timeline(at("2026-03-06T14:00"), NEW, List.of(), null);
        assertThat(t.state()).isEqualTo(SlaClock.State.RUNNING);
        Measure m = ClockMath.measure(calendar, t, Duration.ofHours(4), 75, at("2026-03-09T09:00"));
        assertThat(m.elapsed()).isEqualTo(Duration.ofHours(3));
        assertThat(local(m.warnAt())).isEqualTo("2026-03-09T09:00");
        assertThat(local(m.dueAt())).isEqualTo("2026-03-09T10:00");
    }

    @Test
    void pausesWhileWaitingForTheCustomerAndResumesOnTheReply() {
        List<StatusChange> changes = List.of(change("2026-03-02T09:00", OPEN), change("2026-03-02T10:00", WAITING),
                change("2026-03-03T10:00", OPEN));
        Timeline waiting = ClockMath.timeline(at("2026-03-02T08:30"), NEW, changes.subList(0, 2), null);
        assertThat(waiting.state()).isEqualTo(SlaClock.State.PAUSED);
        Measure paused = ClockMath.measure(calendar, waiting, Duration.ofHours(4), 75, at("2026-03-05T12:00"));
        assertThat(paused.elapsed()).isEqualTo(Duration.ofMinutes(90));
        assertThat(paused.dueAt()).isNull();

        Timeline resumed = ClockMath.timeline(at("2026-03-02T08:30"), NEW, changes, null);
        assertThat(resumed.state()).isEqualTo(SlaClock.State.RUNNING);
        Measure m = ClockMath.measure(calendar, resumed, Duration.ofHours(4), 75, at("2026-03-03T12:00"));
        assertThat(m.elapsed()).isEqualTo(Duration.ofMinutes(90 + 120));
        assertThat(local(m.warnAt())).isEqualTo("2026-03-03T11:30");
        assertThat(local(m.dueAt())).isEqualTo("2026-03-03T12:30");
    }

    @Test
    void stopsWhenResolvedAndResumesWhenReopened() {
        List<StatusChange> changes = List.of(change("2026-03-02T09:00", OPEN), change("2026-03-02T11:00", RESOLVED));
        Timeline resolved = ClockMath.timeline(at("2026-03-02T08:00"), NEW, changes, null);
        assertThat(resolved.state()).isEqualTo(SlaClock.State.STOPPED);
        assertThat(ClockMath.measure(calendar, resolved, Duration.ofHours(8), 75, at("2026-03-10T12:00")).elapsed())
                .isEqualTo(Duration.ofHours(3));

        List<StatusChange> reopened = List.of(change("2026-03-02T09:00", OPEN), change("2026-03-02T11:00", RESOLVED),
                change("2026-03-04T15:00", CLOSED), change("2026-03-05T15:00", OPEN));
        Timeline t = ClockMath.timeline(at("2026-03-02T08:00"), NEW, reopened, null);
        assertThat(t.state()).isEqualTo(SlaClock.State.RUNNING);
        Measure m = ClockMath.measure(calendar, t, Duration.ofHours(8), 75, at("2026-03-06T09:00"));
        assertThat(m.elapsed()).isEqualTo(Duration.ofHours(3 + 1 + 1));
        assertThat(local(m.warnAt())).isEqualTo("2026-03-06T10:00");
        assertThat(local(m.dueAt())).isEqualTo("2026-03-06T12:00");
    }

    @Test
    void aBreachInThePastIsFoundInTheClosedPeriods() {
        // ran 10 business hours before being resolved: the 4-hour target was crossed on the first day at 12:00
        List<StatusChange> changes = List.of(change("2026-03-03T10:00", RESOLVED));
        Timeline t = ClockMath.timeline(at("2026-03-02T08:00"), NEW, changes, null);
        Measure m = ClockMath.measure(calendar, t, Duration.ofHours(4), 50, at("2026-03-10T12:00"));
        assertThat(m.elapsed()).isEqualTo(Duration.ofHours(10));
        assertThat(local(m.warnAt())).isEqualTo("2026-03-02T10:00");
        assertThat(local(m.dueAt())).isEqualTo("2026-03-02T12:00");
    }

    @Test
    void theFirstResponseClockStopsForGoodAtTheFirstReply() {
        List<StatusChange> changes = List.of(change("2026-03-02T10:00", OPEN), change("2026-03-02T11:00", WAITING),
                change("2026-03-03T09:00", OPEN));
        Timeline t = ClockMath.timeline(at("2026-03-02T08:00"), NEW, changes, at("2026-03-02T10:00"));
        assertThat(t.state()).isEqualTo(SlaClock.State.STOPPED);
        Measure m = ClockMath.measure(calendar, t, Duration.ofHours(4), 75, at("2026-03-04T12:00"));
        assertThat(m.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(m.dueAt()).isNull();
    }

    @Test
    void waitingOverAWeekendAndEasterCostsNothing() {
        List<StatusChange> changes = List.of(change("2026-04-02T09:00", WAITING), change("2026-04-07T09:00", OPEN));
        Timeline t = ClockMath.timeline(at("2026-04-02T08:00"), NEW, changes, null);
        Measure m = ClockMath.measure(calendar, t, Duration.ofHours(3), 75, at("2026-04-07T10:00"));
        assertThat(m.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(local(m.dueAt())).isEqualTo("2026-04-07T11:00");
    }
}
