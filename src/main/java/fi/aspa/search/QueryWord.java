package fi.aspa.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One word of a query after analysis: its base forms ({@code terms}, in the analyzer's order: an unknown word
 * as typed first), its compound parts, whether the morphology recognized it, and the word as written (lower
 * case, folded).
 */
record QueryWord(List<String> terms, List<String> parts, boolean unknown, String surface) {

    static List<QueryWord> of(List<List<TextAnalysis.Token>> positions) {
        List<QueryWord> words = new ArrayList<>();
        for (List<TextAnalysis.Token> tokens : positions) {
            Set<String> terms = new LinkedHashSet<>();
            List<String> parts = new ArrayList<>();
            boolean unknown = false;
            String surface = tokens.get(0).surface();
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
            if (!terms.isEmpty()) words.add(new QueryWord(List.copyOf(terms), List.copyOf(parts), unknown, surface));
        }
        return words;
    }

    /** The first term of an unknown word (its form as typed), the first base form otherwise. */
    String first() {
        return terms.get(0);
    }

    /** The same word as written (for a synonym written in quotes, {@link #exact}) or sharing a base form. */
    boolean matches(QueryWord queryWord) {
        if (exact()) return surface.equals(queryWord.surface);
        for (String t : terms) if (queryWord.terms.contains(t)) return true;
        return false;
    }

    /** A synonym term written in quotes: matched as written, not by base form ({@code "luva"} is not {@code lupa}). */
    boolean exact() {
        return terms.isEmpty();
    }

    static QueryWord exactly(String surface) {
        return new QueryWord(List.of(), List.of(), false, Fold.fold(surface.toLowerCase(java.util.Locale.ROOT)));
    }
}
