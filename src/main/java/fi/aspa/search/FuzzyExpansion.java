package fi.aspa.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

/**
 * The index's words within one or two edits of a word it does not know ({@code rakenuslupa} →
 * {@code rakennuslupa}), found once per query word with one Levenshtein automaton and then searched as plain
 * terms in every field. (A FuzzyQuery per field would build its automata once per field, which costs more than
 * the whole search on a large index.)
 */
final class FuzzyExpansion {
    /** A word of the index, its distance from the typed word, and in how many documents it occurs. */
    record Candidate(String term, int edits, int docFreq) {
        /** 1 for the typed word itself, less for each edit relative to the word's length. */
        float similarity(int length) {
            return 1f - (float) edits / Math.max(length, 1);
        }
    }

    private FuzzyExpansion() {}

    /**
     * Compiled automata by (word, edits, prefix): building one costs more than looking it up in a large index, and
     * the same misspellings recur. Bounded: cleared when full.
     */
    private static final int AUTOMATA = 10_000;
    private static final java.util.concurrent.ConcurrentHashMap<String, CompiledAutomaton> automata = new java.util.concurrent.ConcurrentHashMap<>();

    private static CompiledAutomaton automaton(String typed, int maxEdits, int prefixLength) {
        String key = maxEdits + ":" + prefixLength + ":" + typed;
        CompiledAutomaton cached = automata.get(key);
        if (cached != null) return cached;
        String prefix = typed.substring(0, prefixLength);
        CompiledAutomaton compiled = new CompiledAutomaton(
                new LevenshteinAutomata(typed.substring(prefixLength), true).toAutomaton(maxEdits, prefix), true, false);
        if (automata.size() >= AUTOMATA) automata.clear();
        automata.put(key, compiled);
        return compiled;
    }

    /** Up to {@code max} words, fewest edits first, then the most common. */
    static List<Candidate> expand(IndexReader reader, String field, String typed, int maxEdits, int prefixLength, int max) {
        if (typed.length() <= prefixLength) return List.of();
        CompiledAutomaton automaton = automaton(typed, maxEdits, prefixLength);
        Map<String, Integer> docFreqs = new HashMap<>();
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                Terms terms = leaf.reader().terms(field);
                if (terms == null) continue;
                TermsEnum te = automaton.getTermsEnum(terms);
                for (BytesRef term = te.next(); term != null; term = te.next()) docFreqs.merge(term.utf8ToString(), te.docFreq(), Integer::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Candidate> out = new ArrayList<>();
        docFreqs.forEach((term, df) -> out.add(new Candidate(term, distance(typed, term), df)));
        out.sort(Comparator.comparingInt(Candidate::edits).thenComparing(Comparator.comparingInt(Candidate::docFreq).reversed()));
        return out.size() > max ? out.subList(0, max) : out;
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions), as the automaton counts. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
