package fi.aspa.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dates and times as people read them: in Helsinki time and in the reader's language. Every date or time a page,
 * a note or a mail shows goes through here (templates through {@code #datetimes}, {@link DateTimesDialect}), so one
 * interface never shows both 14.30 and 14:30.
 *
 * <p>The formats are the JDK's (CLDR) {@link FormatStyle#SHORT} ones of the language's formatting locale:
 * Finnish {@code 22.11.2026 14.30} (CLDR's short style has no "klo"), Swedish {@code 2026-11-22 14:30}, English
 * {@code 22/11/2026, 14:30}.
 * English is formatted as British English ({@code en-GB}), not as the bare {@code en} (US: {@code 11/22/26, 2:30 PM}):
 * day before month and a 24-hour clock, like the Finnish and Swedish pages beside it, so that 3/4 means the same day
 * in every language of a Finnish municipality's service. {@code en-FI} would do that too, but writes 14.30, a Finnish
 * habit in English text.
 *
 * <p>Machine formats stay ISO ({@link #iso}): {@code <time datetime>}, the API, exports and logs.
 */
public final class DateTimes {
    public static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private static final Map<Language, Formats> FORMATS = new EnumMap<>(Language.class);

    static {
        for (Language language : Language.values()) FORMATS.put(language, new Formats(formatLocale(language)));
    }

    private DateTimes() {
    }

    /** The locale whose conventions a language's dates follow: English's is {@code en-GB}. */
    public static Locale formatLocale(Language language) {
        return switch (language) {
            case FI -> Locale.forLanguageTag("fi-FI");
            case SV -> Locale.forLanguageTag("sv-FI");
            case EN -> Locale.UK;
        };
    }

    /** "22.11.2026 14.30": an instant (in Helsinki time), a zoned or offset time (moved to Helsinki) or a Helsinki wall time. */
    public static String dateTime(TemporalAccessor at, Locale locale) {
        return at == null ? "" : formats(locale).dateTime.format(helsinki(at));
    }

    /** "22.11.2026": a date, or the Helsinki date of an instant or zoned time. */
    public static String date(TemporalAccessor day, Locale locale) {
        return day == null ? "" : formats(locale).date.format(helsinki(day));
    }

    /** "Sunnuntai 22. marraskuuta 2026", "Sunday, 22 November 2026": a date with its weekday, capitalized for headings. */
    public static String longDate(TemporalAccessor day, Locale locale) {
        if (day == null) return "";
        String text = formats(locale).longDate.format(helsinki(day));
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * A date a person typed or a date picker sent, or null when it is none: ISO {@code 2026-12-31} (what a date input
     * sends, and how Swedish writes dates), the Finnish {@code 31.12.2026} (accepted in every language: a Finnish
     * municipality's staff and residents write it whatever the page's language) and the language's own short form
     * that {@link #date} writes (English {@code 31/12/2026}, day first). Leading zeros are optional; a day that does
     * not exist (31.2.) is none.
     */
    public static LocalDate parseDate(String text, Locale locale) {
        if (text == null || text.isBlank()) return null;
        String value = text.strip();
        for (DateTimeFormatter parser : formats(locale).parsers) {
            try {
                return LocalDate.parse(value, parser);
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return null;
    }

    /** "14.30": a time of day, or the Helsinki time of an instant. */
    public static String time(TemporalAccessor at, Locale locale) {
        return at == null ? "" : formats(locale).time.format(helsinki(at));
    }

    /** A time of day given in minutes from midnight, 0–1440: 1440 is the end of the day, "24.00". */
    public static String clock(int minutesOfDay, Locale locale) {
        if (minutesOfDay < 0 || minutesOfDay > 1440) throw new IllegalArgumentException("not a time of day: " + minutesOfDay);
        if (minutesOfDay == 1440) return formats(locale).endOfDay;
        return time(LocalTime.ofSecondOfDay(minutesOfDay * 60L), locale);
    }

    /** "14.30–16.00". */
    public static String timeRange(TemporalAccessor from, TemporalAccessor to, Locale locale) {
        return time(from, locale) + "–" + time(to, locale);
    }

    /** The same, in one language: what templates get as {@code #datetimes}, bound to the request's locale. */
    public static Localized in(Locale locale) {
        return new Localized(locale);
    }

    /** The pattern of {@link #time} ("H.mm", "HH:mm"), for scripts that write times the pages wrote. */
    public static String timePattern(Locale locale) {
        return formats(locale).timePattern;
    }

    /** For {@code <time datetime>}: an instant as ISO 8601 with Helsinki's offset, to the second. */
    public static String iso(Instant at) {
        return at == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(HELSINKI));
    }

    /** For {@code <time datetime>}: a zoned time as ISO 8601 in Helsinki time, to the second. */
    public static String iso(ZonedDateTime at) {
        return at == null ? "" : iso(at.toInstant());
    }

    /** For {@code <time datetime>}: a date as ISO 8601 ({@code 2026-11-22}). */
    public static String iso(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(day);
    }

    private static Formats formats(Locale locale) {
        return FORMATS.get(Language.of(locale));
    }

    /** Instants and zoned or offset times in Helsinki time; local dates and times as they are. */
    private static TemporalAccessor helsinki(TemporalAccessor value) {
        if (value instanceof Instant instant) return instant.atZone(HELSINKI);
        if (value instanceof LocalDate || value instanceof LocalDateTime || value instanceof LocalTime) return value;
        if (value.query(TemporalQueries.offset()) != null && value.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(value).atZone(HELSINKI);
        }
        return value;
    }

    private record Formats(DateTimeFormatter dateTime, DateTimeFormatter date, DateTimeFormatter longDate,
                           DateTimeFormatter time, String timePattern, String endOfDay, List<DateTimeFormatter> parsers) {
        Formats(Locale locale) {
            this(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.SHORT).withLocale(locale),
                    DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale),
                    DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale),
                    DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale),
                    timePattern(locale), endOfDay(locale), parsers(locale));
        }

        /** ISO, Finnish, and the locale's short date pattern with optional leading zeros ("dd/MM/y" → "d/M/uuuu"). */
        private static List<DateTimeFormatter> parsers(Locale locale) {
            String own = DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.SHORT, null, IsoChronology.INSTANCE, locale)
                    .replaceAll("d+", "d").replaceAll("M+", "M").replaceAll("[yu]+", "uuuu");
            var patterns = new LinkedHashSet<>(List.of("uuuu-M-d", "d.M.uuuu", own));
            return patterns.stream()
                    .map(p -> DateTimeFormatter.ofPattern(p, locale).withResolverStyle(ResolverStyle.STRICT)).toList();
        }

        private static String timePattern(Locale locale) {
            return DateTimeFormatterBuilder.getLocalizedDateTimePattern(null, FormatStyle.SHORT, IsoChronology.INSTANCE, locale);
        }

        /** 24.00: the localized time pattern with the hour field replaced by 24 (no LocalTime is 24:00). */
        private static String endOfDay(Locale locale) {
            return DateTimeFormatter.ofPattern(timePattern(locale).replaceAll("[Hk]+", "'24'"), locale).format(LocalTime.MIDNIGHT);
        }
    }

    /** The formats of one locale (the request's, in templates); absent values are empty text. */
    public static final class Localized {
        private final Locale locale;

        private Localized(Locale locale) {
            this.locale = locale;
        }

        public String dateTime(TemporalAccessor at) {
            return DateTimes.dateTime(at, locale);
        }

        public String date(TemporalAccessor day) {
            return DateTimes.date(day, locale);
        }

        public String longDate(TemporalAccessor day) {
            return DateTimes.longDate(day, locale);
        }

        public String time(TemporalAccessor at) {
            return DateTimes.time(at, locale);
        }

        public String clock(int minutesOfDay) {
            return DateTimes.clock(minutesOfDay, locale);
        }

        public String timeRange(TemporalAccessor from, TemporalAccessor to) {
            return DateTimes.timeRange(from, to, locale);
        }

        public String timePattern() {
            return DateTimes.timePattern(locale);
        }

        public String iso(Instant at) {
            return DateTimes.iso(at);
        }

        public String iso(ZonedDateTime at) {
            return DateTimes.iso(at);
        }

        public String iso(LocalDate day) {
            return DateTimes.iso(day);
        }
    }
}
