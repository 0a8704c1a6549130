package fi.aspa.insights;

import java.util.List;

/**
 * RFC 4180 text for spreadsheets: every field quoted (quotes doubled), and a field a spreadsheet would read as a
 * formula (starting with {@code = + - @}, a tab or a carriage return) prefixed with an apostrophe, so that a name
 * from the organization's data never runs as one. Numbers are written as the page shows them, in the reader's
 * language; the separator is a semicolon where the decimal separator is a comma (Finnish and Swedish spreadsheets).
 */
final class Csv {
    private final StringBuilder text = new StringBuilder("\uFEFF"); // the BOM makes spreadsheets read UTF-8
    private final char separator;

    Csv(char separator) {
        this.separator = separator;
    }

    Csv row(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) text.append(separator);
            text.append(field(fields.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) v = "'" + v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    /** A negative number stays a number (a minus sign and digits is no formula). */
    private static boolean isNumber(String v) {
        return v.matches("[-\u2212]?[0-9][0-9 \u00A0.,]*( %)?");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
