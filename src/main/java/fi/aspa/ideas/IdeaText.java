package fi.aspa.ideas;

import fi.aspa.platform.FormErrors;
import java.util.regex.Pattern;

/** Checks of the free text that the ideas' forms take. */
final class IdeaText {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private IdeaText() {}

    static String clean(String value) {
        return value == null ? "" : value.strip();
    }

    /** U+FFFD is what bytes that are not UTF-8 become when decoded; NUL never belongs in text. */
    static boolean unreadable(String value) {
        return value.indexOf('\uFFFD') >= 0 || value.indexOf('\u0000') >= 0;
    }

    static boolean validEmail(String value) {
        return value.length() <= IdeaStore.MAX_EMAIL && EMAIL.matcher(value).matches();
    }

    /** Required text of at most {@code max} characters: the message beside {@code field} when it is not. */
    static String required(FormErrors errors, String field, String value, int max) {
        String text = clean(value);
        if (text.isEmpty()) errors.add(field, "ideas.error.required");
        else check(errors, field, text, max);
        return text;
    }

    /** Optional text: readable and at most {@code max} characters. */
    static String optional(FormErrors errors, String field, String value, int max) {
        String text = clean(value);
        if (!text.isEmpty()) check(errors, field, text, max);
        return text;
    }

    private static void check(FormErrors errors, String field, String text, int max) {
        if (unreadable(text)) errors.add(field, "ideas.error.encoding");
        else if (text.length() > max) errors.add(field, "ideas.error.too-long", String.valueOf(max), String.valueOf(text.length()));
    }
}
