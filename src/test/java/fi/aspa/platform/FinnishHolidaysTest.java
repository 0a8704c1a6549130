package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Easter by the computus against published dates, and the Finnish public holidays of whole years. */
class FinnishHolidaysTest {

    @ParameterizedTest
    @CsvSource({"1818-03-22", "1886-04-25", "1943-04-25", "2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05",
            "2027-03-28", "2030-04-21", "2031-04-13", "2038-04-25", "2285-03-22"})
    void easterSundayMatchesThePublishedDates(LocalDate easter) {
        assertThat(FinnishHolidays.easterSunday(easter.getYear())).isEqualTo(easter);
    }

    @Test
    void theHolidaysOf2026() {
        assertThat(FinnishHolidays.of(2026)).containsExactly(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 6), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 5),
                LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 14), LocalDate.of(2026, 5, 24),
                LocalDate.of(2026, 6, 19), LocalDate.of(2026, 6, 20), LocalDate.of(2026, 10, 31), LocalDate.of(2026, 12, 6),
                LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
    }

    @Test
    void midsummerAndAllSaintsMoveWithTheWeekday() {
        // 2027: Midsummer Eve Friday 25 June, All Saints' Day Saturday 6 November; Ascension 6 May.
        assertThat(FinnishHolidays.of(2027)).contains(LocalDate.of(2027, 6, 25), LocalDate.of(2027, 6, 26),
                LocalDate.of(2027, 11, 6), LocalDate.of(2027, 5, 6), LocalDate.of(2027, 3, 26), LocalDate.of(2027, 3, 29))
                .doesNotContain(LocalDate.of(2027, 6, 18), LocalDate.of(2027, 10, 30));
        assertThat(FinnishHolidays.isHoliday(LocalDate.of(2027, 3, 25))).as("Maundy Thursday is a working day").isFalse();
    }
}
