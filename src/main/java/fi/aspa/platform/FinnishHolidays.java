package fi.aspa.platform;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Finnish public holidays on which service points are closed: New Year's Day, Epiphany, Good Friday, Easter
 * Sunday and Monday, May Day, Ascension Day, Whit Sunday, Midsummer Eve and Day, All Saints' Day, Independence
 * Day, Christmas Eve, Christmas Day and Boxing Day. Easter by the Gregorian computus (Meeus/Jones/Butcher).
 */
public final class FinnishHolidays {
    private FinnishHolidays() {}

    public static boolean isHoliday(LocalDate day) {
        return of(day.getYear()).contains(day);
    }

    public static Set<LocalDate> of(int year) {
        Set<LocalDate> days = new TreeSet<>();
        LocalDate easter = easterSunday(year);
        days.add(LocalDate.of(year, 1, 1));
        days.add(LocalDate.of(year, 1, 6));
        days.add(easter.minusDays(2));
        days.add(easter);
        days.add(easter.plusDays(1));
        days.add(LocalDate.of(year, 5, 1));
        days.add(easter.plusDays(39));
        days.add(easter.plusDays(49));
        // Midsummer Eve: the Friday between 19 and 25 June; Midsummer Day the Saturday after.
        LocalDate midsummerEve = LocalDate.of(year, Month.JUNE, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        days.add(midsummerEve);
        days.add(midsummerEve.plusDays(1));
        // All Saints' Day: the Saturday between 31 October and 6 November.
        days.add(LocalDate.of(year, Month.OCTOBER, 31).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)));
        days.add(LocalDate.of(year, 12, 6));
        days.add(LocalDate.of(year, 12, 24));
        days.add(LocalDate.of(year, 12, 25));
        days.add(LocalDate.of(year, 12, 26));
        return days;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
