package fi.aspa.customer;

/**
 * The one form a phone number is stored and looked up in, whichever channel it came by: the web form's
 * "+358 (0)40 123 4567", the phone page's "040 123 4567" and a telephony system's "358401234567" are all
 * "+358401234567", so the same caller is recognized everywhere.
 */
public final class PhoneNumber {
    private PhoneNumber() {}

    /** Spaces, hyphens, parentheses and the "(0)" written after a country code left out. */
    public static String compact(String value) {
        return value == null ? "" : value.strip().replace("(0)", "").replaceAll("[\\s()\\-]", "");
    }

    /**
     * "040 123 4567" → "+358401234567"; "00358…" → "+358…"; "358401234567" (E.164 without the plus, as some exchanges
     * send it, or a plus lost as a space in a URL) → "+358401234567"; other numbers keep their digits.
     */
    public static String international(String value) {
        String digits = compact(value);
        if (digits.startsWith("00")) return "+" + digits.substring(2);
        if (digits.startsWith("0")) return "+358" + digits.substring(1);
        if (digits.startsWith("358") && digits.length() >= 9) return "+" + digits;
        return digits;
    }
}
