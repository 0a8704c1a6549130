package fi.aspa.appointments;

import fi.aspa.customer.PhoneNumber;
import java.util.UUID;
import java.util.regex.Pattern;

/** Checks on what people type into the appointment and desk forms. */
final class Inputs {
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_NOTE = 4000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    /** +358 or 0, then 5-12 digits without the leading zero; spaces, hyphens and parentheses allowed between. */
    private static final Pattern FINNISH_PHONE = Pattern.compile("^(?:\\+358|00358|0)[1-9][0-9]{4,11}$");

    private Inputs() {}

    static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Text that could not be decoded (U+FFFD) or holds NUL. */
    static boolean unreadable(String value) {
        return value != null && (value.indexOf('\uFFFD') >= 0 || value.indexOf('\u0000') >= 0);
    }

    static boolean validEmail(String value) {
        return value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches();
    }

    static boolean validFinnishPhone(String value) {
        return FINNISH_PHONE.matcher(compactPhone(value)).matches();
    }

    /** "+358 (0)40 123-4567" → "+358401234567". */
    static String compactPhone(String value) {
        return PhoneNumber.compact(value);
    }

    static UUID uuidOrNull(String value) {
        if (value == null || value.length() != 36) return null;
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
