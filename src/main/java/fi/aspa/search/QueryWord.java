package fi.aspa.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One word of a query after analysis: its base forms ({@code terms}, in the analyzer's order: an unknown word
 * as typed first), its compound parts, and whether the morphology recognized it.
 */
record QueryWord(List<String> terms, List<String> parts, boolean unknown) {

    static List<QueryWord> of(List<List<TextAnalysis.Token>> positions) {
        List<QueryWord> words = new ArrayList<>();
        for (List<TextAnalysis.Token> tokens : positions) {
            Set<String> terms = new LinkedHashSet<>();
            List<String> parts = new ArrayList<>();
            boolean unknown = false;
            for (TextAnalysis.Token token : tokens) {
                switch (token.type()) {
                    case MorphologyFilter.PART -> parts.add(token.term());
                    case MorphologyFilter.UNKNOWN -> {
                        terms.add(token.term());
                        unknown = true;
                    }
                    default -> terms.add(token.term());
                }
            }
            if (!terms.isEmpty()) words.add(new QueryWord(List.copyOf(terms), List.copyOf(parts), unknown));
        }
        return words;
    }

    /** The word as typed, folded: the first term of an unknown word, the first base form otherwise. */
    String first() {
        return terms.get(0);
    }

    boolean overlaps(QueryWord other) {
        for (String t : terms) if (other.terms.contains(t)) return true;
        return false;
    }
}
