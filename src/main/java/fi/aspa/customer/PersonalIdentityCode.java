package fi.aspa.customer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Finnish personal identity code (henkilötunnus) {@code DDMMYYCNNNQ}, with the century signs of 2023
 * ({@code +} 1800s; {@code - Y X W V U} 1900s; {@code A–F} 2000s) and temporary numbers 900–999. Two codes may
 * differ only by the century sign, so the whole 11 characters are the identity. Never put one in a URL or a log.
 */
public final class PersonalIdentityCode {
    private static final Pattern FORMAT = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})([-+A-FU-Y])(\\d{3})([0-9A-Y])");
    private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    private PersonalIdentityCode() {}

    public static boolean isValid(String code) {
        if (code == null) return false;
        Matcher m = FORMAT.matcher(code);
        if (!m.matches()) return false;
        int century = switch (m.group(4).charAt(0)) {
            case '+' -> 1800;
            case '-', 'Y', 'X', 'W', 'V', 'U' -> 1900;
            case 'A', 'B', 'C', 'D', 'E', 'F' -> 2000;
            default -> -1;
        };
        if (century < 0) return false;
        try {
            LocalDate.of(century + Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
        } catch (DateTimeException e) {
            return false;
        }
        int individual = Integer.parseInt(m.group(5));
        if (individual < 2) return false;
        long number = Long.parseLong(m.group(1) + m.group(2) + m.group(3) + m.group(5));
        return CHECK.charAt((int) (number % 31)) == m.group(6).charAt(0);
    }

    /** For display to staff: birth date part only, the rest masked. */
    public static String masked(String code) {
        return code == null || code.length() < 6 ? "" : code.substring(0, 6) + "*****";
    }
}
