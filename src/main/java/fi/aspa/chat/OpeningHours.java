package fi.aspa.chat;

import fi.aspa.platform.DateTimes;
import fi.aspa.platform.FinnishHolidays;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weekly opening hours in Helsinki time, e.g. {@code MON-FRI 08:00-16:00; SAT 10:00-14:00}. The chat is closed on
 * Finnish public holidays ({@link FinnishHolidays}, Helsinki date), whatever the weekday, so the widget offers the
 * contact form then; only round-the-clock hours (every day 00:00-24:00, {@link #always()}) stay open on holidays,
 * since a service that never closes does not close for a holiday either.
 */
record OpeningHours(List<Slot> slots) {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final Pattern PART = Pattern.compile(
            "\\s*([A-Z]{3})(?:-([A-Z]{3}))?\\s+(\\d{1,2}):(\\d{2})-(\\d{1,2}):(\\d{2})\\s*");

    /** One opening on one weekday, minutes from midnight; {@code closes} 1440 is midnight at the end. */
    record Slot(DayOfWeek day, int opens, int closes) {
        Slot {
            if (opens < 0 || closes > 1440 || opens >= closes) throw new IllegalArgumentException("bad slot " + opens + "-" + closes);
        }
    }

    OpeningHours {
        slots = slots.stream().sorted(Comparator.comparing(Slot::day).thenComparingInt(Slot::opens)).toList();
    }

    static OpeningHours always() {
        List<Slot> all = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) all.add(new Slot(d, 0, 1440));
        return new OpeningHours(all);
    }

    static OpeningHours parse(String spec) {
        List<Slot> slots = new ArrayList<>();
        if (spec == null || spec.isBlank()) return new OpeningHours(slots);
        for (String part : spec.toUpperCase(Locale.ROOT).split(";")) {
            if (part.isBlank()) continue;
            Matcher m = PART.matcher(part);
            if (!m.matches()) throw new IllegalArgumentException("Opening hours must look like 'MON-FRI 08:00-16:00': " + part);
            DayOfWeek from = day(m.group(1));
            DayOfWeek to = m.group(2) == null ? from : day(m.group(2));
            int opens = Integer.parseInt(m.group(3)) * 60 + Integer.parseInt(m.group(4));
            int closes = Integer.parseInt(m.group(5)) * 60 + Integer.parseInt(m.group(6));
            for (int d = from.getValue(); d <= to.getValue(); d++) slots.add(new Slot(DayOfWeek.of(d), opens, closes));
        }
        return new OpeningHours(slots);
    }

    private static DayOfWeek day(String abbreviation) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(abbreviation)) return d;
        }
        throw new IllegalArgumentException("Unknown weekday " + abbreviation);
    }

    boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(HELSINKI);
        if (!roundTheClock() && FinnishHolidays.isHoliday(local.toLocalDate())) return false;
        int minute = local.getHour() * 60 + local.getMinute();
        return slots.stream().anyMatch(s -> s.day() == local.getDayOfWeek() && s.opens() <= minute && minute < s.closes());
    }

    /** Open every day from midnight to midnight: such a service stays open on public holidays too. */
    boolean roundTheClock() {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (slots.stream().noneMatch(s -> s.day() == d && s.opens() == 0 && s.closes() == 1440)) return false;
        }
        return true;
    }

    /** "ma 8.00–16.00, ti 8.00–16.00, …" in the given language, for the widget's closed notice. */
    String describe(Locale locale) {
        List<String> parts = new ArrayList<>();
        for (Slot s : slots) {
            parts.add(s.day().getDisplayName(TextStyle.SHORT, locale) + " " + DateTimes.clock(s.opens(), locale) + "–"
                    + DateTimes.clock(s.closes(), locale));
        }
        return String.join(", ", parts);
    }
}
