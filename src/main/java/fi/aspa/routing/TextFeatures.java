package fi.aspa.routing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Features of free text that survive Finnish and Swedish inflection and compounding without a dictionary:
 * whole words, word prefixes (a crude stem: {@code kuoppa}, {@code kuopat}, {@code kuoppia} share {@code kuop}),
 * and character n-grams inside words with word-boundary marks ({@code liikennemerkki} shares {@code merkk} and
 * {@code rkki$} with {@code merkki}). Pure Java, no language resources beyond a short stop-word list.
 */
final class TextFeatures {
    static final int MIN_GRAM = 3;
    static final int MAX_GRAM = 5;
    static final int PREFIX = 5;
    /** Long texts are cut: routing needs the gist, not the whole letter. */
    static final int MAX_CHARS = 1_500;

    /** Function words of Finnish, Swedish and English that carry no topic. */
    private static final Set<String> STOP = Set.of(
            "ja", "on", "ei", "se", "että", "oli", "ole", "olla", "ovat", "kun", "jos", "niin", "tai", "mutta", "myös",
            "vaan", "sen", "sitä", "siinä", "tämä", "tässä", "tätä", "joka", "jotka", "mikä", "mitä", "kuin", "nyt",
            "jo", "vielä", "vain", "ne", "he", "hän", "me", "te", "minä", "olen", "ollut", "siis", "eli", "kanssa",
            "och", "att", "det", "som", "en", "ett", "är", "av", "för", "på", "med", "till", "den", "har", "inte",
            "om", "de", "så", "var", "men", "eller", "från", "kan", "vid", "ska",
            "the", "and", "of", "to", "in", "is", "it", "that", "for", "at", "be", "are", "was", "with", "this");

    private TextFeatures() {}

    /** Lower-cased words of letters only (numbers, addresses and ids carry no topic). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) return words;
        String s = Normalizer.normalize(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT);
        int start = -1;
        boolean digit = false;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                if (start < 0) {
                    start = i;
                    digit = false;
                }
                digit |= Character.isDigit(c);
            } else if (start >= 0) {
                String w = s.substring(start, i);
                if (!digit && w.length() >= 2 && !STOP.contains(w)) words.add(w);
                start = -1;
            }
        }
        return words;
    }

    /** Feature counts of a text: {@code w:} words, {@code p:} prefixes, {@code c:} in-word character n-grams. */
    static Map<String, Double> of(String text) {
        Map<String, Double> counts = new HashMap<>();
        visit(text, (kind, chars, from, to) -> counts.merge(kind + ":" + new String(chars, from, to - from), 1.0, Double::sum));
        return counts;
    }

    /** {@link #of} as a function that can also be visited: the classifier's vectorizer takes that path. */
    static final Visitable STANDARD = new Visitable() {
        @Override
        public Map<String, Double> apply(String text) {
            return of(text);
        }

        @Override
        public void visit(String text, Visitor visitor) {
            TextFeatures.visit(text, visitor);
        }
    };

    /** Features that can be visited one by one without building their names (kind, then ':', then the characters). */
    interface Visitable extends Function<String, Map<String, Double>> {
        void visit(String text, Visitor visitor);
    }

    /** Receives one feature: its kind ({@code w}, {@code p} or {@code c}) and its characters {@code chars[from, to)}. */
    @FunctionalInterface
    interface Visitor {
        void feature(char kind, char[] chars, int from, int to);
    }

    /**
     * Every feature of {@link #of}, once per occurrence, without building its name: classification looks each one up
     * in the vocabulary, and most of a case's features are not in it. The characters are only valid during the call.
     */
    static void visit(String text, Visitor visitor) {
        char[] marked = new char[34];
        for (String w : words(text)) {
            int n = w.length();
            if (marked.length < n + 2) marked = new char[n + 2];
            marked[0] = '^';
            w.getChars(0, n, marked, 1);
            marked[n + 1] = '$';
            visitor.feature('w', marked, 1, n + 1);
            if (n > PREFIX + 1) visitor.feature('p', marked, 1, 1 + PREFIX);
            for (int g = MIN_GRAM; g <= MAX_GRAM; g++) {
                for (int i = 0; i + g <= n + 2; i++) visitor.feature('c', marked, i, i + g);
            }
        }
    }

    /**
     * The naive baseline's features as a data scientist would take them (scikit-learn's
     * {@code TfidfVectorizer(analyzer='char_wb', ngram_range=(1, 5))}): the lower-cased text split at white space,
     * each token padded with a space on both sides, every character 1- to 5-gram inside the padded token; punctuation,
     * digits and stop words are kept. A token shorter than n gives its whole padded form once.
     */
    static Map<String, Double> charWb(String text) {
        Map<String, Double> counts = new HashMap<>();
        if (text == null) return counts;
        String s = Normalizer.normalize(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT);
        for (String token : s.split("\\s+")) {
            if (token.isEmpty()) continue;
            String w = " " + token + " ";
            for (int n = 1; n <= MAX_GRAM; n++) {
                if (w.length() <= n) {
                    counts.merge(w, 1.0, Double::sum);
                    break;
                }
                for (int i = 0; i + n <= w.length(); i++) counts.merge(w.substring(i, i + n), 1.0, Double::sum);
            }
        }
        return counts;
    }

    /** Only the in-word character 3–5-grams of letter-only words (the baseline of sessions 3–4, for comparison). */
    static Map<String, Double> charGrams(String text) {
        Map<String, Double> counts = new HashMap<>();
        for (String w : words(text)) {
            String marked = "^" + w + "$";
            for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
                for (int i = 0; i + n <= marked.length(); i++) {
                    counts.merge(marked.substring(i, i + n), 1.0, Double::sum);
                }
            }
        }
        return counts;
    }
}
