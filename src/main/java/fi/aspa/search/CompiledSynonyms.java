package fi.aspa.search;

import fi.aspa.platform.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synonym rules analyzed with the language's analyzer, so they match base forms: the rule
 * {@code päiväkoti => varhaiskasvatus} fires for {@code päiväkodista}. A rule's left side may be a phrase; it
 * then matches consecutive query words. A left-side term in double quotes matches the word only as written
 * ({@code "luva"}: an abbreviation that Voikko would read as a form of {@code lupa}).
 */
final class CompiledSynonyms {
    private static final String EXACT = "\u0000";

    record Entry(List<QueryWord> from, List<List<QueryWord>> to) {}

    /** Rule left sides matched at {@code start} over {@code length} query words. */
    record Match(int start, int length, List<List<QueryWord>> alternatives) {}

    private final Map<String, List<Entry>> byFirstTerm;
    /** Each alternative as the rule wrote it (for showing, e.g. "try it" on the synonyms page). */
    private final Map<List<QueryWord>, String> written;

    private CompiledSynonyms(Map<String, List<Entry>> byFirstTerm, Map<List<QueryWord>, String> written) {
        this.byFirstTerm = byFirstTerm;
        this.written = written;
    }

    /** The alternative as its rule wrote it. */
    String written(List<QueryWord> alternative) {
        return written.getOrDefault(alternative, alternative.stream().map(QueryWord::surface).reduce((a, b) -> a + " " + b).orElse(""));
    }

    static CompiledSynonyms compile(List<SynonymSource.Rule> rules, TextAnalysis analysis, Language language) {
        Map<List<QueryWord>, List<List<QueryWord>>> merged = new LinkedHashMap<>();
        Map<List<QueryWord>, String> written = new HashMap<>();
        for (SynonymSource.Rule rule : rules) {
            String fromText = rule.from().strip();
            List<QueryWord> from = fromText.length() > 2 && fromText.startsWith("\"") && fromText.endsWith("\"")
                    ? List.of(QueryWord.exactly(fromText.substring(1, fromText.length() - 1).strip()))
                    : QueryWord.of(analysis.analyze(language, fromText));
            if (from.isEmpty()) continue;
            List<List<QueryWord>> to = merged.computeIfAbsent(from, k -> new ArrayList<>());
            for (String alternative : rule.to()) {
                List<QueryWord> words = QueryWord.of(analysis.analyze(language, alternative));
                written.putIfAbsent(words, alternative.strip());
                if (!words.isEmpty() && !words.equals(from) && !to.contains(words)) to.add(words);
            }
        }
        Map<String, List<Entry>> byFirstTerm = new HashMap<>();
        merged.forEach((from, to) -> {
            if (to.isEmpty()) return;
            Entry entry = new Entry(from, List.copyOf(to));
            List<String> keys = from.get(0).exact() ? List.of(EXACT + from.get(0).surface()) : from.get(0).terms();
            for (String key : keys) byFirstTerm.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        });
        return new CompiledSynonyms(byFirstTerm, written);
    }

    List<Match> matches(List<QueryWord> query) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < query.size(); i++) {
            List<Entry> seen = new ArrayList<>();
            List<String> keys = new ArrayList<>(query.get(i).terms());
            keys.add(EXACT + query.get(i).surface());
            for (String term : keys) {
                for (Entry entry : byFirstTerm.getOrDefault(term, List.of())) {
                    if (seen.contains(entry) || !matchesAt(entry.from(), query, i)) continue;
                    seen.add(entry);
                    out.add(new Match(i, entry.from().size(), entry.to()));
                }
            }
        }
        return out;
    }

    private static boolean matchesAt(List<QueryWord> from, List<QueryWord> query, int start) {
        if (start + from.size() > query.size()) return false;
        for (int j = 0; j < from.size(); j++) if (!from.get(j).matches(query.get(start + j))) return false;
        return true;
    }

    /** The alternatives of rules whose left side is the one word with this base form. */
    List<List<QueryWord>> alternativesOf(String term) {
        List<List<QueryWord>> out = new ArrayList<>();
        for (Entry entry : byFirstTerm.getOrDefault(term, List.of())) {
            if (entry.from().size() == 1) out.addAll(entry.to());
        }
        return out;
    }
}
