package fi.aspa.search;

import fi.aspa.platform.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the scoring query from the analyzed words. Per word, per field, the best of: its base forms (one
 * blended term when ambiguous), all of its compound parts ({@code päivähoitomaksu} finds {@code päivähoidon
 * maksut}), some of its parts, its synonyms, and, for a word the index does not know, a fuzzy match. Words add
 * up (BM25), each counted in its best field plus a share of the others.
 */
final class RankingQuery {
    static final String TITLE = "title";
    static final String KEYWORDS = "keywords";
    static final String BODY = "body";

    private final Ranking ranking;
    private final Language language;
    private final IndexReader reader;

    RankingQuery(Ranking ranking, Language language, IndexReader reader) {
        this.ranking = ranking;
        this.language = language;
        this.reader = reader;
    }

    static String field(String name, Language language) {
        return name + "." + language.code();
    }

    /** Null when no word is left to search for (empty text, only stopwords). */
    Query build(List<QueryWord> words, CompiledSynonyms synonyms) {
        if (words.isEmpty()) return null;
        List<List<List<QueryWord>>> singleWordAlternatives = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) singleWordAlternatives.add(new ArrayList<>());
        List<CompiledSynonyms.Match> phraseMatches = new ArrayList<>();
        for (CompiledSynonyms.Match match : synonyms.matches(words)) {
            if (match.length() == 1) singleWordAlternatives.get(match.start()).addAll(match.alternatives());
            else phraseMatches.add(match);
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (int i = 0; i < words.size(); i++) {
            List<Query> options = new ArrayList<>();
            options.add(acrossFields(words.get(i), true));
            for (List<QueryWord> alternative : singleWordAlternatives.get(i)) {
                options.add(new BoostQuery(phrase(alternative), ranking.synonym()));
            }
            query.add(options.size() == 1 ? options.get(0) : new DisjunctionMaxQuery(options, 0f), Occur.SHOULD);
        }
        for (CompiledSynonyms.Match match : phraseMatches) {
            List<Query> options = new ArrayList<>();
            for (List<QueryWord> alternative : match.alternatives()) options.add(phrase(alternative));
            query.add(new BoostQuery(new DisjunctionMaxQuery(options, 0f), ranking.synonym()), Occur.SHOULD);
        }
        return query.build();
    }

    /** All words of a synonym, each in any field. */
    private Query phrase(List<QueryWord> words) {
        if (words.size() == 1) return acrossFields(words.get(0), false);
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (QueryWord word : words) all.add(acrossFields(word, false), Occur.MUST);
        return all.build();
    }

    private Query acrossFields(QueryWord word, boolean fuzzy) {
        boolean fuzzyWord = fuzzy && ranking.fuzzy() > 0 && needsFuzzy(word);
        List<Query> fields = new ArrayList<>(3);
        fields.add(boost(inField(word, field(TITLE, language), fuzzyWord), ranking.title()));
        fields.add(boost(inField(word, field(KEYWORDS, language), fuzzyWord), ranking.keywords()));
        fields.add(boost(inField(word, field(BODY, language), fuzzyWord), ranking.body()));
        return new DisjunctionMaxQuery(fields, ranking.fieldTie());
    }

    private Query inField(QueryWord word, String field, boolean fuzzy) {
        List<Query> options = new ArrayList<>(4);
        options.add(terms(field, word.terms()));
        if (word.parts().size() >= 2) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            BooleanQuery.Builder some = new BooleanQuery.Builder();
            for (String part : word.parts()) {
                all.add(new TermQuery(new Term(field, part)), Occur.MUST);
                some.add(new TermQuery(new Term(field, part)), Occur.SHOULD);
            }
            options.add(boost(all.build(), ranking.compound()));
            if (ranking.partial() > 0) options.add(boost(some.build(), ranking.partial()));
        }
        if (fuzzy) {
            String typed = word.first();
            int edits = typed.length() >= 8 ? 2 : 1;
            options.add(boost(new FuzzyQuery(new Term(field, typed), edits, 1, 20, true), ranking.fuzzy()));
        }
        return options.size() == 1 ? options.get(0) : new DisjunctionMaxQuery(options, 0f);
    }

    private static Query terms(String field, List<String> terms) {
        if (terms.size() == 1) return new TermQuery(new Term(field, terms.iterator().next()));
        SynonymQuery.Builder synonyms = new SynonymQuery.Builder(field);
        for (String t : terms) synonyms.addTerm(new Term(field, t));
        return synonyms.build();
    }

    /** Unknown to the morphology, or none of its base forms occurs in the index: a likely typo. */
    private boolean needsFuzzy(QueryWord word) {
        if (word.first().length() < 4) return false;
        if (word.unknown()) return true;
        try {
            String body = field(BODY, language);
            String title = field(TITLE, language);
            for (String term : word.terms()) {
                if (reader.docFreq(new Term(body, term)) > 0 || reader.docFreq(new Term(title, term)) > 0) return false;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Query boost(Query query, float boost) {
        return boost == 1f ? query : new BoostQuery(query, boost);
    }
}
