package fi.aspa.channels.email;

import fi.aspa.platform.Language;
import java.util.Locale;
import java.util.Set;

/**
 * The language of a new email's sender: the Content-Language header when it names fi, sv or en; else the most
 * frequent common words of the subject and text (Finnish when it is not clear — most mail is Finnish).
 */
final class LanguageGuess {
    private static final Set<String> FI = Set.of("ja", "on", "ei", "että", "olen", "minä", "minun", "kiitos", "hei",
            "terveisin", "ystävällisin", "voi", "voisitteko", "mutta", "kun", "onko", "tämä", "asia", "asiaa", "meidän",
            "se", "oli", "ole", "olisi", "myös", "jos", "koska", "mitä", "miten", "moi", "hyvä", "päivää");
    private static final Set<String> SV = Set.of("och", "att", "det", "är", "jag", "inte", "för", "med", "som", "på",
            "har", "kan", "vi", "hej", "tack", "vänliga", "hälsningar", "min", "mitt", "ett", "en", "om", "till", "av",
            "var", "ni", "skulle", "vill", "mvh", "hälsning", "också");
    private static final Set<String> EN = Set.of("the", "and", "is", "you", "to", "of", "please", "thank", "thanks",
            "hello", "regards", "my", "we", "have", "not", "would", "could", "this", "that", "with", "for", "dear",
            "are", "was", "kind", "best");

    private LanguageGuess() {}

    static Language guess(String contentLanguage, String subject, String text) {
        if (contentLanguage != null) {
            for (String tag : contentLanguage.split(",")) {
                String code = tag.strip().toLowerCase(Locale.ROOT);
                int dash = code.indexOf('-');
                var language = Language.parse(dash > 0 ? code.substring(0, dash) : code);
                if (language.isPresent()) return language.get();
            }
        }
        String sample = ((subject == null ? "" : subject) + " " + (text == null ? "" : text));
        sample = sample.substring(0, Math.min(sample.length(), 4000)).toLowerCase(Locale.ROOT);
        int fi = 0;
        int sv = 0;
        int en = 0;
        for (String word : sample.split("[^\\p{L}]+")) {
            if (FI.contains(word)) fi++;
            if (SV.contains(word)) sv++;
            if (EN.contains(word)) en++;
        }
        if (sv > fi && sv >= en && sv >= 2) return Language.SV;
        if (en > fi && en > sv && en >= 2) return Language.EN;
        return Language.FI;
    }
}
