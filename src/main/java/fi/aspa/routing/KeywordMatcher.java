package fi.aspa.routing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keyword matching tolerant of Finnish (and Swedish) inflection by simple stemming, without dictionaries: a keyword
 * matches a word of the text that begins with the keyword's stem (the keyword without its last one or two letters,
 * never shorter than four letters), so <i>kuoppa</i> matches <i>kuopat</i>, <i>kuoppia</i> and <i>kuopassa</i>;
 * <i>liikennemerkki</i> matches <i>liikennemerkin</i>. A keyword of five letters or more also matches inside a
 * compound (<i>merkki</i> in <i>opastemerkit</i>). A keyword of several words matches when all its words do.
 * Consonant gradation that changes the stem (<i>katu</i> / <i>kadulla</i>) is not handled: give both forms.
 */
final class KeywordMatcher {
    static final int MIN_STEM = 4;

    private KeywordMatcher() {}

    /** The first keyword that occurs in the text, or null. */
    static String firstMatch(List<String> keywords, String text) {
        if (keywords.isEmpty()) return null;
        List<String> words = words(text);
        for (String keyword : keywords) {
            List<String> parts = words(keyword);
            if (!parts.isEmpty() && parts.stream().allMatch(p -> words.stream().anyMatch(w -> matches(p, w)))) return keyword;
        }
        return null;
    }

    static boolean matches(String keyword, String word) {
        String stem = stem(keyword);
        if (word.startsWith(stem)) return true;
        return keyword.length() >= 5 && word.length() > stem.length() + 2 && word.indexOf(stem, 3) > 0;
    }

    static String stem(String keyword) {
        int cut = Math.min(2, Math.max(0, keyword.length() - MIN_STEM));
        return keyword.substring(0, keyword.length() - cut);
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) return words;
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                if (start < 0) start = i;
            } else if (start >= 0) {
                words.add(s.substring(start, i));
                start = -1;
            }
        }
        return words;
    }
}
