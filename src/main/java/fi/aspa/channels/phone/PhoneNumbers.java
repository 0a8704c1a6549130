package fi.aspa.channels.phone;

import fi.aspa.customer.PhoneNumber;
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
        return PhoneNumber.compact(value);
    }

    static boolean isFinnish(String value) {
        return FINNISH.matcher(compact(value)).matches();
    }

    /** A number an agent or a telephony system may look up: Finnish or international digits. */
    static boolean isLookup(String value) {
        return ANY.matcher(compact(value)).matches();
    }

    /** The form numbers are stored and looked up in ({@link PhoneNumber#international}). */
    static String international(String value) {
        return PhoneNumber.international(value);
    }

    /** The workspace link that opens the phone page for this number ("+" encoded, so it survives the query string). */
    static String phonePagePath(String international) {
        return "/workspace/phone?number=" + java.net.URLEncoder.encode(international, java.nio.charset.StandardCharsets.UTF_8);
    }
}
