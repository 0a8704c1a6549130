package fi.aspa.insights;

import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FormErrors;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.ModelAndView;

/** Whole Helsinki days {@code first}..{@code last}; {@code days} the preset chosen, null for dates typed in. */
record Period(LocalDate first, LocalDate last, Integer days) {
    static final List<Integer> PRESETS = List.of(7, 30, 90);
    static final int DEFAULT_DAYS = 30;
    /** The longest period typed in: a year and a day (a leap year's whole year fits). */
    static final int MAX_DAYS = 366;
    /** The longest date text read; a longer one is an error, not parsed. */
    static final int MAX_PARAM = 40;

    static Period last(int days, LocalDate today) {
        return new Period(today.minusDays(days - 1L), today, days);
    }

    /**
     * The period a page asked for: with no dates, the preset {@code days} (an unknown one is the default), ending
     * {@code today}; else both dates typed the reader's way, in order, at most {@value #MAX_DAYS} days. Null when the
     * dates are wrong, each error added to its field ({@code from}, {@code to}) in the reader's language.
     */
    static Period read(String days, String from, String to, LocalDate today, FormErrors errors, Locale locale) {
        if (blank(from) && blank(to)) {
            int n = PRESETS.stream().filter(p -> String.valueOf(p).equals(days)).findFirst().orElse(DEFAULT_DAYS);
            return last(n, today);
        }
        String example = DateTimes.date(today, locale);
        LocalDate first = date(from, "from", example, errors, locale);
        LocalDate last = date(to, "to", example, errors, locale);
        if (first == null || last == null) return null;
        if (last.isBefore(first)) {
            errors.add("to", "insights.error.order");
            return null;
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            errors.add("to", "insights.error.too-long", String.valueOf(MAX_DAYS));
            return null;
        }
        return new Period(first, last, null);
    }

    private static LocalDate date(String text, String field, String example, FormErrors errors, Locale locale) {
        if (blank(text)) {
            errors.add(field, "insights.error.date-required", example);
            return null;
        }
        LocalDate day = text.length() > MAX_PARAM ? null : DateTimes.parseDate(text, locale);
        if (day == null || day.getYear() < 2000 || day.getYear() > 2100) {
            errors.add(field, "insights.error.date", example);
            return null;
        }
        return day;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    Instant from() {
        return first.atStartOfDay(DateTimes.HELSINKI).toInstant();
    }

    /** The start of the day after the last one (exclusive). */
    Instant to() {
        return last.plusDays(1).atStartOfDay(DateTimes.HELSINKI).toInstant();
    }

    /**
     * The period form's fields as the reader left them (the fragment {@code insights/period-fields :: fields}): the
     * preset chosen ({@code period} null when the dates were wrong, and none then or when dates were typed), the
     * presets, the dates as typed and an example date in the reader's way.
     */
    static void addFields(ModelAndView page, Period period, String from, String to, Locale locale) {
        page.addObject("days", period == null ? null : period.days());
        page.addObject("periods", PRESETS);
        page.addObject("fromValue", from == null ? "" : from);
        page.addObject("toValue", to == null ? "" : to);
        page.addObject("dateExample", DateTimes.date(LocalDate.of(2026, 3, 31), locale));
    }

    /** The period shown (the fragment {@code insights/period-fields :: shown}): its first and last day. */
    void addShown(ModelAndView page, Locale locale) {
        page.addObject("first", DateTimes.date(first, locale));
        page.addObject("last", DateTimes.date(last, locale));
        page.addObject("firstIso", DateTimes.iso(first));
        page.addObject("lastIso", DateTimes.iso(last));
    }

    /** The period's dates as a query ({@code from=…&to=…}, ISO). */
    String datesQuery() {
        return "from=" + DateTimes.iso(first) + "&to=" + DateTimes.iso(last);
    }

    /** The period as a query another page reads the same way: its preset when it is one, else its dates. */
    String query() {
        return days != null ? "days=" + days : datesQuery();
    }

    long length() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }
}
