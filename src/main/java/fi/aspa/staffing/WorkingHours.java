package fi.aspa.staffing;

import fi.aspa.platform.FinnishHolidays;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A person's week: the days worked and the hours (minutes from midnight, the end excluded; 1440 is midnight at the
 * end of the day). Nobody works on Finnish public holidays.
 */
record WorkingHours(Set<DayOfWeek> days, int start, int end) {
    static final WorkingHours OFFICE = new WorkingHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 8 * 60, 16 * 60);

    WorkingHours {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (start < 0 || end > 1440 || end <= start) throw new IllegalArgumentException("bad working hours");
    }

    boolean at(LocalDateTime time) {
        if (!days.contains(time.getDayOfWeek()) || FinnishHolidays.isHoliday(time.toLocalDate())) return false;
        int minute = time.getHour() * 60 + time.getMinute();
        return minute >= start && minute < end;
    }

    /** Available now: working at this time and not absent today. */
    boolean availableAt(LocalDateTime time, List<Absence> absences) {
        return at(time) && absences.stream().noneMatch(a -> a.covers(time.toLocalDate()));
    }

    List<DayOfWeek> sortedDays() {
        return days.stream().sorted().toList();
    }

    static String clock(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    String startText() {
        return clock(start);
    }

    String endText() {
        return clock(end);
    }

    static boolean isWorkday(WorkingHours hours, LocalDate day) {
        return hours.days.contains(day.getDayOfWeek()) && !FinnishHolidays.isHoliday(day);
    }
}
