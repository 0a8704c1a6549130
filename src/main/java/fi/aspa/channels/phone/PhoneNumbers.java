package fi.aspa.channels.phone;

import java.util.regex.Pattern;

/**
 * Finnish phone numbers as people write them: +358 or 0 (or 00358), then 5-12 digits of which the first is not
 * zero; spaces, hyphens, parentheses and "+358 (0)" allowed. Stored in the international form (+358...).
 */
final class PhoneNumbers {
    private static final Pattern FINNISH = Pattern.compile("^(?:\\+358|00358|0)[1-9][0-9]{4,11}$");
    private static final Pattern ANY = Pattern.compile("^\\+?[0-9]{5,15}$");

    private PhoneNumbers() {}

    static String compact(String value) {
        return value == null ? "" : value.strip().replace("(0)", "").replaceAll("[\\s()\\-]", "");
    }

    static boolean isFinnish(String value) {
        return FINNISH.matcher(compact(value)).matches();
    }

    /** A number an agent or a telephony system may look up: Finnish or international digits. */
    static boolean isLookup(String value) {
        return ANY.matcher(compact(value)).matches();
    }

    /**
     * "040 123 4567" → "+358401234567"; "358401234567" (E.164 without the plus, as some exchanges send it, or a
     * plus lost as a space in a URL) → "+358401234567"; other numbers keep their digits.
     */
    static String international(String value) {
        String digits = compact(value);
        if (digits.startsWith("00")) return "+" + digits.substring(2);
        if (digits.startsWith("0")) return "+358" + digits.substring(1);
        if (digits.startsWith("358") && digits.length() >= 9) return "+" + digits;
        return digits;
    }

    /** The workspace link that opens the phone page for this number ("+" encoded, so it survives the query string). */
    static String phonePagePath(String international) {
        return "/workspace/phone?number=" + java.net.URLEncoder.encode(international, java.nio.charset.StandardCharsets.UTF_8);
    }
}
