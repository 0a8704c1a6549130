package fi.aspa.channels.webform;

import java.util.regex.Pattern;

/** Checks on what residents type: length, readable characters, the shape of an email address and a phone number. */
final class ResidentText {
    static final int MAX_NAME = 200;
    static final int MAX_SUBJECT = 200;
    static final int MAX_MESSAGE = 20_000;
    static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()\\-]{4,24}$");

    private ResidentText() {}

    static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * True when the text has characters that could not be read: U+FFFD is what bytes that are not UTF-8 become
     * when decoded, and NUL never belongs in text.
     */
    static boolean unreadable(String value) {
        return value != null && (value.indexOf('\uFFFD') >= 0 || value.indexOf('\u0000') >= 0);
    }

    static boolean validEmail(String value) {
        return value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches();
    }

    static boolean validPhone(String value) {
        return PHONE.matcher(value).matches();
    }

    /** A subject from the topic and the first words of the message (up to 8 words, 60 characters). */
    static String derivedSubject(String topicLabel, String message) {
        String[] words = message.strip().split("\\s+");
        StringBuilder start = new StringBuilder();
        int used = 0;
        for (String word : words) {
            if (used == 8 || (used > 0 && start.length() + 1 + word.length() > 60)) break;
            if (used > 0) start.append(' ');
            start.append(word);
            used++;
        }
        String text = start.length() > 60 ? start.substring(0, 60) : start.toString();
        if (used < words.length || text.length() < start.length()) text += "…";
        return text.isBlank() ? topicLabel : topicLabel + ": " + text;
    }
}
