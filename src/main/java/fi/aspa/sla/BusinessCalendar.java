package fi.aspa.sla;

import fi.aspa.platform.FinnishHolidays;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Business-time arithmetic over an organization's calendar: opening hours per weekday in local time (Europe/Helsinki
 * by default), closed on Finnish public holidays and on the organization's extra closed days. Pure: it knows no
 * "now"; the caller passes instants (from the injected {@link java.time.Clock}).
 *
 * <p>A day's open period is turned into instants through its zone, so a period that spans a daylight-saving
 * change is an hour shorter (last Sunday of March) or longer (last Sunday of October) in real time, exactly as
 * the wall clock says.
 */
public final class BusinessCalendar {
    /** Search at most this far ahead for business time (a calendar that is never open ends here). */
    static final int MAX_DAYS = 3 * 366;

    public record Hours(LocalTime opens, LocalTime closes) {
        public Hours {
            Objects.requireNonNull(opens);
            Objects.requireNonNull(closes);
            if (!closes.equals(LocalTime.MIDNIGHT) && !closes.isAfter(opens)) {
                throw new IllegalArgumentException("closes must be after opens");
            }
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, Hours> weekly;
    private final Set<LocalDate> closedDays;

    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, Hours> weekly, Set<LocalDate> closedDays) {
        this.zone = zone;
        this.weekly = weekly.isEmpty() ? Map.of() : new EnumMap<>(weekly);
        this.closedDays = Set.copyOf(closedDays);
    }

    /** Monday to Friday 8:00–16:00 Europe/Helsinki, Finnish public holidays closed. */
    public static BusinessCalendar standard() {
        return new BusinessCalendar(ZoneId.of("Europe/Helsinki"), standardHours(), Set.of());
    }

    public static Map<DayOfWeek, Hours> standardHours() {
        Map<DayOfWeek, Hours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) hours.put(d, new Hours(LocalTime.of(8, 0), LocalTime.of(16, 0)));
        }
        return hours;
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, Hours> weekly() {
        return Map.copyOf(weekly);
    }

    public boolean isClosedDay(LocalDate day) {
        return !weekly.containsKey(day.getDayOfWeek()) || closedDays.contains(day) || FinnishHolidays.isHoliday(day);
    }

    /** The business time in [from, to); zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) return Duration.ZERO;
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            Instant[] open = openPeriod(day);
            if (open == null) continue;
            Instant a = open[0].isAfter(from) ? open[0] : from;
            Instant b = open[1].isBefore(to) ? open[1] : to;
            if (b.isAfter(a)) total = total.plus(Duration.between(a, b));
        }
        return total;
    }

    /**
     * The instant at which {@code amount} of business time has passed since {@code from}. Zero gives {@code from}
     * itself. When the amount ends exactly at closing time, that closing instant is the answer.
     */
    public Instant plus(Instant from, Duration amount) {
        if (amount.isNegative()) throw new IllegalArgumentException("negative amount");
        if (amount.isZero()) return from;
        Duration left = amount;
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            Instant[] open = openPeriod(day);
            if (open == null || !open[1].isAfter(from)) continue;
            Instant a = open[0].isAfter(from) ? open[0] : from;
            Duration available = Duration.between(a, open[1]);
            if (available.compareTo(left) >= 0) return a.plus(left);
            left = left.minus(available);
        }
        throw new IllegalStateException("The calendar has no business time in " + MAX_DAYS + " days");
    }

    /** The day's open period as instants, or null when the day is closed. */
    private Instant[] openPeriod(LocalDate day) {
        if (isClosedDay(day)) return null;
        Hours hours = weekly.get(day.getDayOfWeek());
        Instant opens = ZonedDateTime.of(day, hours.opens(), zone).toInstant();
        Instant closes = hours.closes().equals(LocalTime.MIDNIGHT)
                ? day.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(day, hours.closes(), zone).toInstant();
        return closes.isAfter(opens) ? new Instant[] {opens, closes} : null;
    }
}
