package fi.aspa.customer;

import fi.aspa.platform.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from a text: the customer's known name, email and phone (when the customer is known), and
 * anything that looks like an email address, a phone number, a Finnish personal identity code or a street address.
 * What is removed becomes a placeholder in the text's language, e.g. {@code [nimi]}. Used before a reply becomes an
 * article draft (knowledge) and before a resident's question leaves Aspa for a language model (assistant).
 */
public final class PersonalDataFilter {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[\\p{L}]{2,}");
    /** ddmmyy, century sign, three digits, check character: validated with {@link PersonalIdentityCode}. */
    private static final Pattern IDENTITY_CODE = Pattern.compile("(?i)\\b\\d{6}[-+A-FU-Y]\\d{3}[0-9A-Y]\\b");
    /** +358…, 0…, with spaces or dashes: seven digits or more. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\d-])(?:\\+|00)?\\d[\\d \\-()]{5,}\\d(?![\\p{L}\\d])");
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b\\p{Lu}[\\p{L}-]*(?:katu|tie|kuja|polku|väylä|raitti|ranta|kaari|rinne|mäki|tori|puistikko|gatan|gata|vägen|väg|gränd|stigen|torget|street|road|avenue)"
                    + "\\s+\\d+(?:\\s?[A-Za-z]\\b)?(?:\\s?\\d+)?(?:\\s+(?:as\\.?|bst\\.?|lgh\\.?)\\s?\\d+)?",
            Pattern.UNICODE_CHARACTER_CLASS);

    private PersonalDataFilter() {}

    /** Without a known customer: only what looks like personal data. */
    public static String strip(String text, Language language) {
        return strip(text, null, language);
    }

    public static String strip(String text, Customer customer, Language language) {
        if (text == null || text.isEmpty()) return "";
        String result = text;
        result = replaceCodes(result, placeholder("id", language));
        result = EMAIL.matcher(result).replaceAll(Matcher.quoteReplacement(placeholder("email", language)));
        result = ADDRESS.matcher(result).replaceAll(Matcher.quoteReplacement(placeholder("address", language)));
        result = PHONE.matcher(result).replaceAll(m -> digits(m.group()) >= 7 ? Matcher.quoteReplacement(placeholder("phone", language))
                : Matcher.quoteReplacement(m.group()));
        if (customer != null) {
            for (Customer.ContactPoint point : customer.contactPoints()) {
                if (point.value() != null && !point.value().isBlank()) {
                    result = replaceLiteral(result, point.value(), placeholder(point.kind().equals("EMAIL") ? "email" : "phone", language));
                }
            }
            if (customer.name() != null && !customer.name().isBlank()) {
                List<String> names = new ArrayList<>();
                names.add(customer.name().strip());
                for (String part : customer.name().strip().split("[\\s,]+")) {
                    if (part.length() >= 3) names.add(part);
                }
                names.sort(Comparator.comparingInt(String::length).reversed());
                for (String name : names) result = replaceWord(result, name, placeholder("name", language));
            }
        }
        return result;
    }

    private static String replaceCodes(String text, String placeholder) {
        Matcher m = IDENTITY_CODE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(PersonalIdentityCode.isValid(m.group().toUpperCase(Locale.ROOT))
                    || looksLikeCode(m.group()) ? placeholder : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A code with a wrong check character is still someone's mistyped code: removed as well. */
    private static boolean looksLikeCode(String s) {
        int day = Integer.parseInt(s.substring(0, 2));
        int month = Integer.parseInt(s.substring(2, 4));
        return day >= 1 && day <= 31 && month >= 1 && month <= 12;
    }

    private static int digits(String s) {
        return (int) s.chars().filter(Character::isDigit).count();
    }

    private static String replaceLiteral(String text, String value, String placeholder) {
        return Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text)
                .replaceAll(Matcher.quoteReplacement(placeholder));
    }

    /** Whole words only, and inflected Finnish forms of the name (Maija → Maijalle, Virtanen → Virtasen) as well. */
    private static String replaceWord(String text, String name, String placeholder) {
        String stem = name.length() > 5 && name.toLowerCase(Locale.ROOT).endsWith("nen")
                ? Pattern.quote(name.substring(0, name.length() - 3)) + "(?:nen|se\\p{L}*|s\\p{L}*)"
                : Pattern.quote(name) + "\\p{L}{0,5}";
        return Pattern.compile("(?<!\\p{L})" + stem + "(?!\\p{L})", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text).replaceAll(Matcher.quoteReplacement(placeholder));
    }

    public static String placeholder(String what, Language language) {
        return switch (language) {
            case FI -> switch (what) {
                case "name" -> "[nimi]";
                case "email" -> "[sähköposti]";
                case "phone" -> "[puhelinnumero]";
                case "id" -> "[henkilötunnus]";
                default -> "[osoite]";
            };
            case SV -> switch (what) {
                case "name" -> "[namn]";
                case "email" -> "[e-post]";
                case "phone" -> "[telefonnummer]";
                case "id" -> "[personbeteckning]";
                default -> "[adress]";
            };
            case EN -> switch (what) {
                case "name" -> "[name]";
                case "email" -> "[email]";
                case "phone" -> "[phone number]";
                case "id" -> "[identity code]";
                default -> "[address]";
            };
        };
    }
}
