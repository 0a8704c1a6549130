package fi.aspa.platform;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Downloads as CSV for spreadsheets: UTF-8 with a byte-order mark and semicolons between cells, which is how Excel
 * in Finnish and Swedish opens a file without an import dialogue (commas are the decimal separator there); quoting
 * by Commons CSV. A cell that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage
 * return) gets a leading apostrophe: residents write the texts exported here (CSV injection, OWASP).
 */
public final class Csv {
    public static final MediaType MEDIA_TYPE = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setDelimiter(';').setRecordSeparator("\r\n").get();

    private Csv() {}

    /** The file's text: the header and the rows, every cell through {@link #cell}. */
    public static String write(List<String> header, Stream<? extends List<?>> rows) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(header.stream().map(Csv::cell));
            rows.forEach(row -> {
                try {
                    printer.printRecord(row.stream().map(Csv::cell));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A download of {@link #write}'s text named {@code filename} (ASCII, ending in .csv). */
    public static ResponseEntity<byte[]> download(String filename, List<String> header, Stream<? extends List<?>> rows) {
        return ResponseEntity.ok()
                .contentType(MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(write(header, rows).getBytes(StandardCharsets.UTF_8));
    }

    /** The cell's text: empty for null; a number as it is; formula-looking text neutralized with a leading apostrophe. */
    public static String cell(Object value) {
        if (value == null) return "";
        if (value instanceof Number) return value.toString();
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) return "'" + text;
        return text;
    }
}
