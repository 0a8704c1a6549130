package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CSV of downloads: Excel's fi/sv dialect, quoting, and no formula runs from a cell a resident wrote. */
class CsvTest {

    @Test
    void formulaLookingTextIsNeutralizedButNumbersAreNot() {
        assertThat(Csv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(Csv.cell("+358 40 123")).isEqualTo("'+358 40 123");
        assertThat(Csv.cell("-2")).isEqualTo("'-2");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("\tx")).isEqualTo("'\tx");
        assertThat(Csv.cell(-2)).isEqualTo("-2");
        assertThat(Csv.cell(1.5)).isEqualTo("1.5");
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell("Katu 1 = hyvä")).isEqualTo("Katu 1 = hyvä");
    }

    @Test
    void semicolonsByteOrderMarkAndQuoting() {
        String csv = Csv.write(List.of("Nimi", "Määrä"), Stream.of(List.of("a;b", 3), List.of("rivi\nkaksi \"lainaus\"", -1)));
        assertThat(csv).isEqualTo("\uFEFFNimi;Määrä\r\n\"a;b\";3\r\n\"rivi\nkaksi \"\"lainaus\"\"\";-1\r\n");
    }
}
