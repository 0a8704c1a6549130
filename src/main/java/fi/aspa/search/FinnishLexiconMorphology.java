package fi.aspa.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tartarus.snowball.ext.FinnishStemmer;

/**
 * Finnish without Voikko, in pure Java. Three steps, each tried when the one before does not know the word:
 * <ol>
 * <li>the <b>lexicon</b> ({@code fi-lexicon.tsv}): every word form of the Service Catalogue texts and of a
 * curated word list, with its base forms, compound parts and compound-initial segments, generated once with
 * Voikko by {@code LexiconGenerator};</li>
 * <li>the <b>inflection guesser</b>: strips clitics, possessive suffixes and case endings, undoes consonant
 * gradation ({@code ajat} → {@code aj-} → {@code aik-} → {@code aika}, {@code hoidon} → {@code hoito}) and
 * vowel changes, and accepts a candidate only when it is a base form the lexicon knows;</li>
 * <li>the <b>decompounder</b>: a known compound-initial segment ({@code päivä}, {@code lasten}, {@code aukiolo})
 * followed by a word the steps above recognize, recursively ({@code aukioloajat} → {@code aukiolo} +
 * {@code aika}, whole {@code aukioloaika}).</li>
 * </ol>
 * A word none of them knows keeps its own form and its Snowball stem and is matched fuzzily.
 */
final class FinnishLexiconMorphology implements Morphology {
    static final String LEXICON = "fi-lexicon.tsv";

    private static final String[] CLITICS = {"kaan", "kaan", "kin", "han", "pa", "ko", ""};
    private static final String[] POSSESSIVES = {"mme", "nne", "nsa", "ni", "si", "an", "en", "in", "on", "un", "yn", ""};
    /** Case and number endings, folded (ä→a, ö→o), longest tried first. */
    private static final String[] ENDINGS = {
            "itten", "ineen", "ihin", "issa", "ista", "illa", "ilta", "ille", "iksi", "itta", "iden", "isiin",
            "seen", "siin", "tten", "ssa", "sta", "lla", "lta", "lle", "ksi", "tta", "den", "jen", "ien", "ita",
            "iin", "ina", "ine", "hin", "han", "hen", "hon", "hun", "hyn", "na", "ta", "ja", "ia", "in", "en",
            "an", "on", "un", "yn", "sti", "ten", "a", "n", "t", "i", ""};
    private static final String VOWELS = "aeiouy";
    private static final java.util.Set<String> DIPHTHONGS = java.util.Set.of(
            "ai", "ei", "oi", "ui", "yi", "au", "eu", "iu", "ou", "ey", "iy", "ie", "uo", "yo");
    /** Consonant gradation, strong grade first: the candidates try both directions. */
    private static final String[][] GRADATION = {
            {"kk", "k"}, {"pp", "p"}, {"tt", "t"}, {"nkk", "nk"}, {"rtt", "rt"}, {"ltt", "lt"}, {"ntt", "nt"},
            {"mpp", "mp"}, {"lkk", "lk"}, {"rkk", "rk"}, {"lpp", "lp"}, {"rpp", "rp"}, {"ht", "hd"}, {"nk", "ng"}, {"mp", "mm"}, {"lt", "ll"}, {"nt", "nn"},
            {"rt", "rr"}, {"lk", "lj"}, {"rk", "rj"}, {"lk", "l"}, {"rk", "r"}, {"hk", "h"}, {"p", "v"},
            {"t", "d"}, {"k", "v"}, {"k", ""}};
    /** Stem-final changes of nominal types: {@code julkise-} → {@code julkinen}, {@code ilmoitukse-} → {@code ilmoitus}. */
    private static final String[][] STEM_ENDINGS = {
            {"ise", "inen"}, {"is", "inen"}, {"uukse", "uus"}, {"ukse", "us"}, {"ykse", "ys"}, {"kse", "s"},
            {"uks", "us"}, {"yks", "ys"}, {"ks", "s"}, {"uude", "uus"}, {"yyde", "yys"}, {"ude", "us"},
            {"yde", "ys"}, {"uut", "uus"}, {"yyt", "yys"}, {"de", "si"}, {"te", "s"}, {"aa", "as"}, {"ee", "e"},
            {"ime", "in"}, {"ima", "in"}, {"ttoma", "ton"}, {"toma", "ton"}, {"ttome", "ton"}, {"ttom", "ton"},
            {"tom", "ton"}, {"yt", "ys"}, {"ut", "us"}, {"a", "as"}, {"ne", "nen"},
            {"se", "nen"}, {"si", "nen"}, {"mise", ""}, {"mis", ""}, {"minen", ""}, {"ee", "i"}, {"o", "a"}, {"e", "i"}, {"i", "a"}, {"i", "i"}};

    private record Entry(List<String> lemmas, List<String> parts) {}

    private final Map<String, Entry> bySurface;
    /** Base forms and how often their forms occur in the source texts: the guesser prefers the common reading. */
    private final Map<String, Integer> lemmas;
    private final Map<String, String> initialSegments;

    private FinnishLexiconMorphology(Map<String, Entry> bySurface, Map<String, Integer> lemmas, Map<String, String> initialSegments) {
        this.bySurface = bySurface;
        this.lemmas = lemmas;
        this.initialSegments = initialSegments;
    }

    /** The lexicon shipped on the classpath. */
    static FinnishLexiconMorphology load() {
        return load(java.util.Set.of());
    }

    /** The lexicon shipped on the classpath, with more base forms (the synonyms' words: slang like amis). */
    static FinnishLexiconMorphology load(java.util.Set<String> moreBaseForms) {
        try (InputStream in = FinnishLexiconMorphology.class.getResourceAsStream(LEXICON)) {
            if (in == null) throw new IllegalStateException("missing resource " + LEXICON);
            FinnishLexiconMorphology lexicon = read(in);
            for (String word : moreBaseForms) {
                String folded = Fold.fold(word);
                if (folded.length() < 3 || folded.contains("-")) continue;
                lexicon.lemmas.putIfAbsent(folded, 1);
                lexicon.bySurface.putIfAbsent(folded, new Entry(List.of(folded), List.of()));
            }
            return lexicon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines {@code surface TAB lemma|lemma TAB part,part TAB segment=lemma,segment=lemma TAB occurrences}. */
    static FinnishLexiconMorphology read(InputStream in) throws IOException {
        Map<String, Entry> bySurface = new HashMap<>();
        Map<String, Integer> lemmas = new HashMap<>();
        Map<String, String> initial = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cols = line.split("\t", -1);
            List<String> lemmaList = split(cols.length > 1 ? cols[1] : "", "\\|");
            List<String> parts = split(cols.length > 2 ? cols[2] : "", ",");
            String surface = Fold.fold(cols[0]);
            if (lemmaList.isEmpty()) continue;
            int occurrences = cols.length > 4 && !cols[4].isBlank() ? Integer.parseInt(cols[4].strip()) : 1;
            bySurface.putIfAbsent(surface, new Entry(lemmaList, parts));
            for (String lemma : lemmaList) lemmas.merge(lemma, occurrences, Integer::sum);
            for (String part : parts) lemmas.merge(part, occurrences, Integer::sum);
            for (String segment : split(cols.length > 3 ? cols[3] : "", ",")) {
                int eq = segment.indexOf('=');
                if (eq > 0) initial.putIfAbsent(segment.substring(0, eq), segment.substring(eq + 1));
            }
        }
        // a base form is also a surface form of itself (its nominative), and base forms start compounds in
        // their nominative too (päivä-, hoito-, rakennus-)
        for (Entry entry : List.copyOf(bySurface.values())) {
            for (String lemma : entry.lemmas()) bySurface.putIfAbsent(lemma, new Entry(List.of(lemma), entry.parts()));
        }
        for (String lemma : lemmas.keySet()) {
            if (lemma.length() >= 3) initial.putIfAbsent(lemma, lemma);
        }
        return new FinnishLexiconMorphology(bySurface, lemmas, initial);
    }

    private static List<String> split(String s, String separator) {
        if (s.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        for (String x : s.split(separator)) if (!x.isBlank()) out.add(Fold.fold(x.trim()));
        return out;
    }

    @Override
    public WordAnalysis analyze(String word) {
        String folded = Fold.fold(word);
        WordAnalysis known = known(folded, 0);
        if (known != null) return known;
        return WordAnalysis.unknown(folded, Fold.fold(snowball(word)));
    }

    @Override
    public String name() {
        return "lexicon";
    }

    /** What the guesser and the decompounder make of a word, as if the lexicon did not list it (for tests). */
    WordAnalysis withoutLexiconEntry(String word) {
        String folded = Fold.fold(word);
        Entry removed = bySurface.remove(folded);
        try {
            WordAnalysis guessed = known(folded, 0);
            return guessed != null ? guessed : WordAnalysis.unknown(folded, Fold.fold(snowball(word)));
        } finally {
            if (removed != null) bySurface.put(folded, removed);
        }
    }

    /** Lexicon, then guesser, then decompounder; null when none recognizes the word. */
    private WordAnalysis known(String word, int depth) {
        Entry entry = bySurface.get(word);
        if (entry != null) return new WordAnalysis(entry.lemmas(), entry.parts(), true);
        if (word.length() < 3) return null;
        List<String> guessed = guess(word);
        if (!guessed.isEmpty()) {
            Entry lemmaEntry = bySurface.get(guessed.get(0));
            return new WordAnalysis(guessed, lemmaEntry == null ? List.of() : lemmaEntry.parts(), true);
        }
        return depth < 4 ? decompound(word, depth) : null;
    }

    /**
     * Base forms the lexicon knows that the word can be an inflected form of: those within one change of the
     * fewest, the commonest first ({@code aikojen}: {@code aika} before {@code aivo}).
     */
    List<String> guess(String word) {
        Map<String, Integer> costs = new HashMap<>();
        for (String clitic : CLITICS) {
            if (!word.endsWith(clitic)) continue;
            String w1 = word.substring(0, word.length() - clitic.length());
            for (String possessive : POSSESSIVES) {
                if (!w1.endsWith(possessive)) continue;
                String w2 = w1.substring(0, w1.length() - possessive.length());
                for (String ending : ENDINGS) {
                    if (!w2.endsWith(ending)) continue;
                    String stem = w2.substring(0, w2.length() - ending.length());
                    if (stem.length() < 2) continue;
                    int base = (clitic.isEmpty() ? 0 : 1) + (possessive.isEmpty() ? 0 : 1);
                    for (var candidate : candidates(stem).entrySet()) {
                        if (lemmas.containsKey(candidate.getKey())) costs.merge(candidate.getKey(), base + candidate.getValue(), Math::min);
                    }
                }
            }
        }
        if (costs.isEmpty()) return List.of();
        int best = costs.values().stream().min(Integer::compare).orElseThrow();
        return costs.entrySet().stream()
                .filter(e -> e.getValue() <= best + 1)
                .sorted(java.util.Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(e -> -lemmas.get(e.getKey())))
                .map(Map.Entry::getKey)
                .limit(3)
                .toList();
    }

    /** Base-form candidates of a stem with the number of changes each needed. */
    private static Map<String, Integer> candidates(String stem) {
        Map<String, Integer> out = new HashMap<>();
        addWithVowels(out, stem, 0);
        for (String[] change : STEM_ENDINGS) {
            if (stem.endsWith(change[0]) && stem.length() > change[0].length() + 1) {
                String changed = stem.substring(0, stem.length() - change[0].length()) + change[1];
                addWithVowels(out, changed, 1);
                for (String graded : gradations(changed)) addWithVowels(out, graded, 2);
            }
        }
        for (String graded : gradations(stem)) addWithVowels(out, graded, 1);
        // k disappears between vowels: ruoka : ruoan
        int n = stem.length();
        if (n >= 3 && VOWELS.indexOf(stem.charAt(n - 1)) >= 0 && VOWELS.indexOf(stem.charAt(n - 2)) >= 0
                && stem.charAt(n - 1) != stem.charAt(n - 2) && !DIPHTHONGS.contains(stem.substring(n - 2))) {
            addWithVowels(out, stem.substring(0, n - 1) + "k" + stem.substring(n - 1), 1);
        }
        return out;
    }

    private static void addWithVowels(Map<String, Integer> out, String s, int cost) {
        out.merge(s, cost, Math::min);
        for (int i = 0; i < VOWELS.length(); i++) out.merge(s + VOWELS.charAt(i), cost + 1, Math::min);
        if (!s.isEmpty() && VOWELS.indexOf(s.charAt(s.length() - 1)) >= 0) {
            String without = s.substring(0, s.length() - 1);
            for (int i = 0; i < VOWELS.length(); i++) out.merge(without + VOWELS.charAt(i), cost + 1, Math::min);
        }
    }

    /**
     * The stem with the consonants of its last syllable boundary in the other grade; for a stem ending in a
     * consonant also the boundary before its last vowel ({@code asiakkas} → {@code asiakas}).
     */
    static List<String> gradations(String stem) {
        List<String> out = new ArrayList<>();
        int end = stem.length();
        while (end > 0 && VOWELS.indexOf(stem.charAt(end - 1)) >= 0) end--;
        gradeAt(stem, end, out);
        if (end == stem.length()) { // ends in a consonant
            int e = end;
            while (e > 0 && VOWELS.indexOf(stem.charAt(e - 1)) < 0) e--;
            while (e > 0 && VOWELS.indexOf(stem.charAt(e - 1)) >= 0) e--;
            if (e > 0 && e < end) gradeAt(stem, e, out);
        }
        return out;
    }

    /** Grades the consonant cluster ending at {@code end}. */
    private static void gradeAt(String stem, int end, List<String> out) {
        int start = end;
        while (start > 0 && VOWELS.indexOf(stem.charAt(start - 1)) < 0) start--;
        if (start == 0 || start == end) return;
        String before = stem.substring(0, start);
        String cluster = stem.substring(start, end);
        String after = stem.substring(end);
        for (String[] pair : GRADATION) {
            if (cluster.equals(pair[0])) out.add(before + pair[1] + after);
            if (cluster.equals(pair[1]) && !pair[1].isEmpty()) out.add(before + pair[0] + after);
        }
        // aika : ajan - the weak grade swallows the i of the diphthong
        if (cluster.equals("j")) out.add(before + "ik" + after);
        if (cluster.equals("k") && before.endsWith("i") && before.length() > 1) {
            out.add(before.substring(0, before.length() - 1) + "j" + after);
        }
    }

    /** A known compound-initial segment followed by a recognized word; the longest first segment wins. */
    private WordAnalysis decompound(String word, int depth) {
        for (int cut = word.length() - 3; cut >= 3; cut--) {
            String head = word.substring(0, cut);
            String headLemma = initialSegments.get(head);
            if (headLemma == null) continue;
            String tail = word.substring(cut);
            if (tail.startsWith("-")) tail = tail.substring(1);
            WordAnalysis rest = known(tail, depth + 1);
            if (rest == null) continue;
            List<String> parts = new ArrayList<>();
            Entry headEntry = bySurface.get(headLemma);
            if (headEntry != null && !headEntry.parts().isEmpty()) parts.addAll(headEntry.parts()); // päivähoito-: päivä, hoito
            else parts.add(headLemma);
            if (rest.parts().isEmpty()) parts.add(rest.lemmas().get(0));
            else parts.addAll(rest.parts());
            List<String> whole = rest.lemmas().stream().map(l -> head + l).toList();
            return new WordAnalysis(whole, parts, true);
        }
        return null;
    }

    private static String snowball(String word) {
        FinnishStemmer stemmer = new FinnishStemmer();
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }
}
