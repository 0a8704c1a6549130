package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dates and times in Helsinki time, written the way each UI language writes them. */
class DateTimesTest {
    private static final Locale FI = Locale.forLanguageTag("fi");
    private static final Locale SV = Locale.forLanguageTag("sv");
    private static final Locale EN = Locale.forLanguageTag("en");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // winter time, UTC+2
            "2026-11-22T12:30:00Z | 22.11.2026 14.30 | 2026-11-22 14:30 | 22/11/2026, 14:30",
            // summer time, UTC+3
            "2026-07-01T11:30:00Z | 1.7.2026 14.30   | 2026-07-01 14:30 | 01/07/2026, 14:30",
            // the night the clocks go forward (29.3.2026 at 3.00 local): just before and just after
            "2026-03-29T00:59:00Z | 29.3.2026 2.59   | 2026-03-29 02:59 | 29/03/2026, 02:59",
            "2026-03-29T01:00:00Z | 29.3.2026 4.00   | 2026-03-29 04:00 | 29/03/2026, 04:00",
            // the night they go back (25.10.2026 at 4.00 local): 3.30 happens twice
            "2026-10-25T00:30:00Z | 25.10.2026 3.30  | 2026-10-25 03:30 | 25/10/2026, 03:30",
            "2026-10-25T01:30:00Z | 25.10.2026 3.30  | 2026-10-25 03:30 | 25/10/2026, 03:30",
            // before midnight in UTC, already the next day (and year) in Helsinki
            "2026-12-31T22:30:00Z | 1.1.2027 0.30    | 2027-01-01 00:30 | 01/01/2027, 00:30",
            "2026-06-30T21:05:00Z | 1.7.2026 0.05    | 2026-07-01 00:05 | 01/07/2026, 00:05",
    })
    void anInstantInHelsinkiTimeInEachLanguage(Instant at, String fi, String sv, String en) {
        assertThat(DateTimes.dateTime(at, FI)).isEqualTo(fi);
        assertThat(DateTimes.dateTime(at, SV)).isEqualTo(sv);
        assertThat(DateTimes.dateTime(at, EN)).isEqualTo(en);
    }

    @Test
    void theDateOfAnInstantIsItsHelsinkiDate() {
        Instant lateUtc = Instant.parse("2026-12-31T22:30:00Z");
        assertThat(DateTimes.date(lateUtc, FI)).isEqualTo("1.1.2027");
        assertThat(DateTimes.date(lateUtc, SV)).isEqualTo("2027-01-01");
        assertThat(DateTimes.date(lateUtc, EN)).isEqualTo("01/01/2027");
        assertThat(DateTimes.time(lateUtc, FI)).isEqualTo("0.30");
        assertThat(DateTimes.time(lateUtc, SV)).isEqualTo("00:30");
        assertThat(DateTimes.time(lateUtc, EN)).isEqualTo("00:30");
    }

    @Test
    void datesAlone() {
        LocalDate day = LocalDate.of(2026, 11, 22);
        assertThat(DateTimes.date(day, FI)).isEqualTo("22.11.2026");
        assertThat(DateTimes.date(day, SV)).isEqualTo("2026-11-22");
        assertThat(DateTimes.date(day, EN)).isEqualTo("22/11/2026");
        assertThat(DateTimes.longDate(day, FI)).isEqualTo("Sunnuntai 22. marraskuuta 2026");
        assertThat(DateTimes.longDate(day, SV)).isEqualTo("Söndag 22 november 2026");
        assertThat(DateTimes.longDate(day, EN)).isEqualTo("Sunday, 22 November 2026");
    }

    @Test
    void englishIsDayFirstWithA24HourClockNotAmerican() {
        Instant at = Instant.parse("2026-04-03T12:05:00Z");
        assertThat(DateTimes.dateTime(at, Locale.US)).isEqualTo("03/04/2026, 15:05");
        assertThat(DateTimes.dateTime(at, Locale.forLanguageTag("en-FI"))).isEqualTo("03/04/2026, 15:05");
        assertThat(DateTimes.formatLocale(Language.EN)).isEqualTo(Locale.UK);
    }

    @Test
    void anUnsupportedLocaleGetsFinnishLikeThePages() {
        assertThat(DateTimes.dateTime(Instant.parse("2026-11-22T12:30:00Z"), Locale.GERMAN)).isEqualTo("22.11.2026 14.30");
        assertThat(DateTimes.dateTime(Instant.parse("2026-11-22T12:30:00Z"), null)).isEqualTo("22.11.2026 14.30");
    }

    @Test
    void wallTimesAreTakenAsHelsinkiTimeAndOffsetTimesAreMovedThere() {
        assertThat(DateTimes.dateTime(LocalDateTime.of(2026, 11, 22, 14, 30), SV)).isEqualTo("2026-11-22 14:30");
        assertThat(DateTimes.dateTime(OffsetDateTime.of(2026, 11, 22, 12, 30, 0, 0, ZoneOffset.UTC), SV)).isEqualTo("2026-11-22 14:30");
        assertThat(DateTimes.time(LocalTime.of(9, 0), FI)).isEqualTo("9.00");
        assertThat(DateTimes.timeRange(LocalTime.of(9, 0), LocalTime.of(16, 0), SV)).isEqualTo("09:00–16:00");
    }

    @Test
    void clockTimesUpToTheEndOfTheDay() {
        assertThat(DateTimes.clock(0, FI)).isEqualTo("0.00");
        assertThat(DateTimes.clock(450, FI)).isEqualTo("7.30");
        assertThat(DateTimes.clock(450, SV)).isEqualTo("07:30");
        assertThat(DateTimes.clock(1440, FI)).isEqualTo("24.00");
        assertThat(DateTimes.clock(1440, SV)).isEqualTo("24:00");
        assertThat(DateTimes.clock(1440, EN)).isEqualTo("24:00");
        assertThatThrownBy(() -> DateTimes.clock(1441, FI)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTimePatternForScriptsIsTheOneTheServerUses() {
        assertThat(DateTimes.timePattern(FI)).isEqualTo("H.mm");
        assertThat(DateTimes.timePattern(SV)).isEqualTo("HH:mm");
        assertThat(DateTimes.timePattern(EN)).isEqualTo("HH:mm");
    }

    @Test
    void missingValuesAreEmpty() {
        assertThat(DateTimes.dateTime(null, FI)).isEmpty();
        assertThat(DateTimes.date(null, FI)).isEmpty();
        assertThat(DateTimes.iso((Instant) null)).isEmpty();
    }

    @Test
    void machineFormatsStayIso() {
        assertThat(DateTimes.iso(Instant.parse("2026-12-31T22:30:00.123456Z"))).isEqualTo("2027-01-01T00:30:00+02:00");
        assertThat(DateTimes.iso(Instant.parse("2026-07-01T11:30:00Z"))).isEqualTo("2026-07-01T14:30:00+03:00");
        assertThat(DateTimes.iso(LocalDate.of(2026, 11, 22))).isEqualTo("2026-11-22");
    }

    @Test
    void theTemplateObjectUsesItsLocale() {
        Instant at = Instant.parse("2026-11-22T12:30:00Z");
        assertThat(DateTimes.in(SV).dateTime(at)).isEqualTo("2026-11-22 14:30");
        assertThat(DateTimes.in(EN).date(at)).isEqualTo("22/11/2026");
        assertThat(DateTimes.in(FI).iso(at)).isEqualTo("2026-11-22T14:30:00+02:00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // what each language writes, what a date picker sends, and the Finnish form everywhere
            "fi | 31.12.2026 |", "fi | 2026-12-31 |", "fi | 1.2.2026 | 2026-02-01",
            "sv | 2026-12-31 |", "sv | 31.12.2026 |", "sv | 2026-2-1 | 2026-02-01",
            "en | 31/12/2026 |", "en | 2026-12-31 |", "en | 31.12.2026 |", "en | 1/2/2026 | 2026-02-01",
    })
    void aTypedDateInTheLanguagesFormIsRead(String lang, String typed, String expected) {
        LocalDate day = expected == null ? LocalDate.of(2026, 12, 31) : LocalDate.parse(expected);
        assertThat(DateTimes.parseDate(" " + typed + " ", Locale.forLanguageTag(lang))).isEqualTo(day);
    }

    @Test
    void whatIsNotADayIsNone() {
        for (Locale locale : new Locale[] {FI, SV, EN}) {
            assertThat(DateTimes.parseDate("31.2.2026", locale)).isNull();
            assertThat(DateTimes.parseDate("2026-02-30", locale)).isNull();
            assertThat(DateTimes.parseDate("huomenna", locale)).isNull();
            assertThat(DateTimes.parseDate("", locale)).isNull();
            assertThat(DateTimes.parseDate(null, locale)).isNull();
            // what the page writes is read back
            LocalDate day = LocalDate.of(2027, 1, 5);
            assertThat(DateTimes.parseDate(DateTimes.date(day, locale), locale)).isEqualTo(day);
        }
        // day first in English, never the American month first
        assertThat(DateTimes.parseDate("12/31/2026", EN)).isNull();
    }
}
