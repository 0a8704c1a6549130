package fi.aspa.search;

import java.util.List;

/**
 * What a language's morphology makes of one word: its base forms (several when ambiguous), the base forms of
 * its compound parts (empty when it is not a compound) and whether the word was recognized at all; an
 * unrecognized word (a typo, a name, slang) is matched fuzzily at search time.
 */
record WordAnalysis(List<String> lemmas, List<String> parts, boolean known) {
    WordAnalysis {
        lemmas = List.copyOf(lemmas);
        parts = List.copyOf(parts);
    }

    static WordAnalysis unknown(String... forms) {
        return new WordAnalysis(List.of(forms).stream().distinct().toList(), List.of(), false);
    }
}
