package fi.aspa.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Business-time arithmetic: weekends, Finnish holidays, extra closed days and both daylight-saving changes. */
class BusinessCalendarTest {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    final BusinessCalendar standard = BusinessCalendar.standard();

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(HELSINKI).toInstant();
    }

    static LocalDateTime local(Instant instant) {
        return instant.atZone(HELSINKI).toLocalDateTime();
    }

    @Test
    void withinOneDay() {
        assertThat(local(standard.plus(at("2026-03-02T09:00"), Duration.ofHours(2)))).isEqualTo("2026-03-02T11:00");
        assertThat(standard.between(at("2026-03-02T09:00"), at("2026-03-02T11:30"))).isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void beforeOpeningAfterClosingAndExactlyAtClosing() {
        assertThat(local(standard.plus(at("2026-03-02T06:00"), Duration.ofHours(1)))).isEqualTo("2026-03-02T09:00");
        assertThat(local(standard.plus(at("2026-03-02T17:00"), Duration.ofHours(1)))).isEqualTo("2026-03-03T09:00");
        assertThat(local(standard.plus(at("2026-03-02T08:00"), Duration.ofHours(8)))).isEqualTo("2026-03-02T16:00");
        assertThat(standard.between(at("2026-03-02T16:00"), at("2026-03-03T08:00"))).isZero();
        assertThat(standard.between(at("2026-03-03T08:00"), at("2026-03-02T16:00"))).isZero();
        assertThat(standard.plus(at("2026-03-02T12:00"), Duration.ZERO)).isEqualTo(at("2026-03-02T12:00"));
    }

    @Test
    void overTheWeekend() {
        assertThat(local(standard.plus(at("2026-03-06T15:00"), Duration.ofHours(2)))).isEqualTo("2026-03-09T09:00");
        assertThat(standard.between(at("2026-03-06T15:00"), at("2026-03-09T09:00"))).isEqualTo(Duration.ofHours(2));
        // a whole working week is five days of eight hours
        assertThat(standard.between(at("2026-03-02T00:00"), at("2026-03-09T00:00"))).isEqualTo(Duration.ofHours(40));
    }

    @Test
    void overEaster() {
        // Good Friday 3.4.2026, Easter Monday 6.4.2026
        assertThat(local(standard.plus(at("2026-04-02T15:00"), Duration.ofHours(2)))).isEqualTo("2026-04-07T09:00");
        assertThat(standard.between(at("2026-04-02T16:00"), at("2026-04-07T08:00"))).isZero();
    }

    @Test
    void overMidsummer() {
        // Midsummer Eve Friday 19.6.2026
        assertThat(local(standard.plus(at("2026-06-18T15:00"), Duration.ofHours(2)))).isEqualTo("2026-06-22T09:00");
    }

    @Test
    void overChristmas() {
        // Christmas Eve and Day on Thursday and Friday 2026, Boxing Day on Saturday
        assertThat(local(standard.plus(at("2026-12-23T15:00"), Duration.ofHours(2)))).isEqualTo("2026-12-28T09:00");
        // two working days of five between Christmas and New Year's Day... and Epiphany
        assertThat(standard.between(at("2026-12-21T00:00"), at("2027-01-08T00:00")))
                .isEqualTo(Duration.ofHours(8 * (3 + 4 + 3)));
    }

    @Test
    void extraClosedDays() {
        BusinessCalendar calendar = new BusinessCalendar(HELSINKI, BusinessCalendar.standardHours(), Set.of(LocalDate.parse("2026-03-09")));
        assertThat(local(calendar.plus(at("2026-03-06T15:00"), Duration.ofHours(2)))).isEqualTo("2026-03-10T09:00");
        assertThat(calendar.isClosedDay(LocalDate.parse("2026-03-09"))).isTrue();
        assertThat(standard.isClosedDay(LocalDate.parse("2026-03-09"))).isFalse();
    }

    @Test
    void overTheSpringDaylightSavingChange() {
        // clocks go from 3:00 to 4:00 on Sunday 29.3.2026: Friday 15:00 to Monday 9:00 is an hour shorter in real time
        Instant friday = at("2026-03-27T15:00");
        Instant monday = standard.plus(friday, Duration.ofHours(2));
        assertThat(local(monday)).isEqualTo("2026-03-30T09:00");
        assertThat(monday.atZone(HELSINKI).getOffset()).isEqualTo(ZoneOffset.ofHours(3));
        assertThat(Duration.between(friday, monday)).isEqualTo(Duration.ofHours(65));
        // a day open round the clock is 23 hours long
        BusinessCalendar always = roundTheClock();
        assertThat(always.between(at("2026-03-29T00:00"), at("2026-03-30T00:00"))).isEqualTo(Duration.ofHours(23));
        assertThat(local(always.plus(at("2026-03-29T00:00"), Duration.ofHours(24)))).isEqualTo("2026-03-30T01:00");
        // opening hours that include the missing hour
        BusinessCalendar night = new BusinessCalendar(HELSINKI, Map.of(DayOfWeek.SUNDAY, new BusinessCalendar.Hours(LocalTime.of(2, 0), LocalTime.of(6, 0))), Set.of());
        assertThat(night.between(at("2026-03-29T00:00"), at("2026-03-30T00:00"))).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void overTheAutumnDaylightSavingChange() {
        // clocks go from 4:00 back to 3:00 on Sunday 25.10.2026
        Instant friday = at("2026-10-23T15:00");
        Instant monday = standard.plus(friday, Duration.ofHours(2));
        assertThat(local(monday)).isEqualTo("2026-10-26T09:00");
        assertThat(monday.atZone(HELSINKI).getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(Duration.between(friday, monday)).isEqualTo(Duration.ofHours(67));
        BusinessCalendar always = roundTheClock();
        assertThat(always.between(at("2026-10-25T00:00"), at("2026-10-26T00:00"))).isEqualTo(Duration.ofHours(25));
        assertThat(local(always.plus(at("2026-10-25T00:00"), Duration.ofHours(24)))).isEqualTo("2026-10-25T23:00");
        BusinessCalendar night = new BusinessCalendar(HELSINKI, Map.of(DayOfWeek.SUNDAY, new BusinessCalendar.Hours(LocalTime.of(2, 0), LocalTime.of(6, 0))), Set.of());
        assertThat(night.between(at("2026-10-25T00:00"), at("2026-10-26T00:00"))).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void plusAndBetweenAreInverse() {
        Random random = new Random(42);
        Instant base = at("2026-01-01T00:00");
        for (int i = 0; i < 2000; i++) {
            Instant from = base.plusSeconds(random.nextLong(366L * 24 * 3600));
            Duration amount = Duration.ofMinutes(1 + random.nextInt(60 * 80));
            Instant to = standard.plus(from, amount);
            assertThat(standard.between(from, to)).as("%s + %s", from, amount).isEqualTo(amount);
            assertThat(standard.isClosedDay(local(to).toLocalDate())).isFalse();
        }
    }

    @Test
    void aCalendarThatIsNeverOpenIsRefusedRatherThanLoopingForever() {
        BusinessCalendar never = new BusinessCalendar(HELSINKI, Map.of(), Set.of());
        assertThatThrownBy(() -> never.plus(at("2026-01-01T00:00"), Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BusinessCalendar.Hours(LocalTime.of(16, 0), LocalTime.of(8, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    static BusinessCalendar roundTheClock() {
        Map<DayOfWeek, BusinessCalendar.Hours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) hours.put(d, new BusinessCalendar.Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
        return new BusinessCalendar(HELSINKI, hours, Set.of());
    }
}
