package fi.aspa.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * Swedish: the Snowball stem of the word and, for compounds, the stems of its parts. The decompounder splits a
 * word into the fewest words of the lexicon ({@code sv-lexicon.txt}: the words of the Service Catalogue's
 * Swedish texts and a curated list), allowing the linking {@code -s-} and the shortened or changed stem vowel
 * of a first part ({@code dagvårdsavgift} → {@code dagvård} + {@code avgift}, {@code skolbarn} →
 * {@code skola} + {@code barn}, {@code gatubelysning} → {@code gata} + {@code belysning}). Parts are split
 * again ({@code dagvård} → {@code dag} + {@code vård}), so a query and a text meet whichever way a compound
 * was written.
 */
final class SwedishMorphology implements Morphology {
    static final String LEXICON = "sv-lexicon.txt";
    private static final int MIN_PART = 3;

    private final Set<String> words;
    private final Set<String> stems;
    private final Set<String> stopwords;

    SwedishMorphology(Set<String> words, Set<String> stopwords) {
        this.words = words;
        this.stopwords = stopwords;
        this.stems = new HashSet<>();
        for (String w : words) stems.add(stem(w));
    }

    static SwedishMorphology load(Set<String> stopwords, Set<String> moreWords) {
        try (InputStream in = SwedishMorphology.class.getResourceAsStream(LEXICON)) {
            if (in == null) throw new IllegalStateException("missing resource " + LEXICON);
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String w = line.strip();
                if (w.isEmpty() || w.startsWith("#")) continue;
                int tab = w.indexOf('\t');
                if (tab > 0) w = w.substring(0, tab);
                if (w.length() >= MIN_PART && !stopwords.contains(w)) words.add(Fold.fold(w));
            }
            for (String w : moreWords) {
                if (w.length() >= MIN_PART && !stopwords.contains(w)) words.add(Fold.fold(w));
            }
            return new SwedishMorphology(words, stopwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public WordAnalysis analyze(String word) {
        String folded = Fold.fold(word);
        String stem = stem(folded);
        Set<String> parts = new LinkedHashSet<>();
        addParts(folded, parts, 0);
        parts.remove(stem);
        boolean known = words.contains(folded) || stems.contains(stem) || !parts.isEmpty();
        return new WordAnalysis(List.of(stem), List.copyOf(parts), known);
    }

    @Override
    public String name() {
        return "swedish-compounds";
    }

    private void addParts(String word, Set<String> out, int depth) {
        List<String> split = split(word);
        if (split == null) return;
        for (String part : split) {
            if (stopwords.contains(part)) continue;
            out.add(stem(part));
            if (depth < 2) addParts(part, out, depth + 1);
        }
    }

    /** The fewest lexicon words (as base words, linking letters dropped) that make up the word; null if none. */
    List<String> split(String word) {
        if (word.length() < 2 * MIN_PART) return null;
        Map<Integer, List<String>> memo = new HashMap<>();
        List<String> best = splitFrom(word, 0, memo);
        return best == null || best.size() < 2 ? null : best;
    }

    private List<String> splitFrom(String word, int from, Map<Integer, List<String>> memo) {
        if (memo.containsKey(from)) return memo.get(from);
        List<String> best = null;
        String rest = word.substring(from);
        if (from > 0 && isFinal(rest)) best = List.of(rest);
        for (int cut = word.length() - MIN_PART; cut >= from + MIN_PART; cut--) {
            if (best != null && best.size() == 1) break;
            String head = nonFinal(word.substring(from, cut));
            if (head == null) continue;
            List<String> tail = splitFrom(word, cut, memo);
            if (tail == null) continue;
            if (best == null || tail.size() + 1 < best.size()) {
                List<String> candidate = new ArrayList<>();
                candidate.add(head);
                candidate.addAll(tail);
                best = candidate;
            }
        }
        memo.put(from, best);
        return best;
    }

    private boolean isFinal(String s) {
        return s.length() >= MIN_PART && (words.contains(s) || stems.contains(stem(s)));
    }

    /** The base word of a compound's first part: as is, without the linking s, or with its stem vowel back. */
    private String nonFinal(String s) {
        if (s.length() < MIN_PART) return null;
        if (words.contains(s)) return s;
        String without = s.substring(0, s.length() - 1);
        char last = s.charAt(s.length() - 1);
        if (last == 's' && without.length() >= MIN_PART && (words.contains(without) || stems.contains(stem(without)))) return without;
        if ((last == 'u' || last == 'e' || last == 'o') && words.contains(without + "a")) return without + "a";
        if (words.contains(s + "a")) return s + "a";
        if (words.contains(s + "e")) return s + "e";
        return null;
    }

    static String stem(String word) {
        SwedishStemmer stemmer = new SwedishStemmer();
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }
}
