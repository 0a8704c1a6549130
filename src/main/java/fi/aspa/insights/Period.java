package fi.aspa.insights;

import fi.aspa.platform.DateTimes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Whole Helsinki days {@code first}..{@code last}; {@code days} the preset chosen, null for dates typed in. */
record Period(LocalDate first, LocalDate last, Integer days) {
    static final List<Integer> PRESETS = List.of(7, 30, 90);
    static final int DEFAULT_DAYS = 30;
    /** The longest period typed in: a year and a day (a leap year's whole year fits). */
    static final int MAX_DAYS = 366;

    static Period last(int days, LocalDate today) {
        return new Period(today.minusDays(days - 1L), today, days);
    }

    Instant from() {
        return first.atStartOfDay(DateTimes.HELSINKI).toInstant();
    }

    /** The start of the day after the last one (exclusive). */
    Instant to() {
        return last.plusDays(1).atStartOfDay(DateTimes.HELSINKI).toInstant();
    }

    long length() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }
}
