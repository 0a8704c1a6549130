package fi.aspa.search;

import fi.aspa.platform.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the scoring query from the analyzed words. Per word, per field, the best of: its base forms in the
 * text's base forms ({@code body.w}), its base forms among the text's compound parts ({@code body}, lower),
 * all of its compound parts ({@code päivähoitomaksu} finds {@code päivähoidon maksut}; a part may be replaced
 * by its synonym), some of its parts, its synonyms, and, for a word the index does not know, a fuzzy match.
 * Words add up (BM25), each counted in its best field plus a share of the others.
 */
final class RankingQuery {
    static final String TITLE = "title";
    static final String KEYWORDS = "keywords";
    static final String BODY = "body";
    private static final int MAX_EXPANSIONS = 10;
    /** A question this long matches a compound by some of its parts only when they are rarer (see {@link #inField}). */
    private static final int LONG_QUESTION = 4;
    private static final double LONG_QUESTION_PART_SHARE = 0.02;
    private static final int COMMON_MIN_DOCS = 1000;
    private static final double COMMON_SHARE = 0.1;

    private final Ranking ranking;
    private final Language language;
    private final IndexReader reader;
    private final CompiledSynonyms synonyms;
    private final Map<QueryWord, List<FuzzyExpansion.Candidate>> expansions = new HashMap<>();
    private boolean longQuestion;

    RankingQuery(Ranking ranking, Language language, IndexReader reader, CompiledSynonyms synonyms) {
        this.ranking = ranking;
        this.language = language;
        this.reader = reader;
        this.synonyms = synonyms;
    }

    /** The field with base forms and compound parts, positions and offsets: {@code body}. */
    static String field(String name) {
        return name;
    }

    /** The field with base forms only: {@code body.w}. */
    static String wordsField(String name) {
        return name + ".w";
    }

    /** Null when no word is left to search for (empty text, only stopwords). */
    Query build(List<QueryWord> words) {
        if (words.isEmpty()) return null;
        longQuestion = words.size() >= LONG_QUESTION;
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
        // no minimum number of words to match: a minimum makes Lucene score every document with two of a long
        // question's words by WAND over the long postings of its common ones (lapsi, apu: a third of a large
        // index). Without one, block-max MaxScore skips the documents whose common words cannot lift them into the
        // top hits. A document with one common word alone scores too low to matter; one with a single rare word may
        // now rank, as in a short query.
        return query.build();
    }

    /** Every term the query may match in a field with parts, for highlighting it. */
    Query highlight(List<QueryWord> words, String name) {
        String field = field(name);
        Set<String> terms = new LinkedHashSet<>();
        for (QueryWord word : words) {
            terms.addAll(word.terms());
            terms.addAll(word.parts());
            for (FuzzyExpansion.Candidate c : expansion(word)) terms.add(c.term());
        }
        for (CompiledSynonyms.Match match : synonyms.matches(words)) {
            for (List<QueryWord> alternative : match.alternatives()) alternative.forEach(w -> terms.addAll(w.terms()));
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) b.add(new TermQuery(new Term(field, t)), Occur.SHOULD);
        return b.build();
    }

    /** All words of a synonym, each in any field (whole, or with all its parts). */
    private Query phrase(List<QueryWord> words) {
        if (words.size() == 1) return acrossFields(words.get(0), false);
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (QueryWord word : words) all.add(acrossFields(word, false), Occur.MUST);
        return all.build();
    }

    /** @param queryWord a word the person typed (false: a word of a synonym) */
    private Query acrossFields(QueryWord word, boolean queryWord) {
        List<FuzzyExpansion.Candidate> expansion = queryWord ? expansion(word) : List.of();
        List<Query> fields = new ArrayList<>(3);
        fields.add(boost(inField(word, TITLE, expansion, queryWord), ranking.title()));
        fields.add(boost(inField(word, KEYWORDS, expansion, queryWord), ranking.keywords()));
        fields.add(boost(inField(word, BODY, expansion, queryWord), ranking.body()));
        return new DisjunctionMaxQuery(fields, ranking.fieldTie());
    }

    /** The index's words near a likely typo, looked up once per query word. */
    private List<FuzzyExpansion.Candidate> expansion(QueryWord word) {
        if (ranking.fuzzy() <= 0) return List.of();
        return expansions.computeIfAbsent(word, w -> {
            if (!needsFuzzy(w)) return List.of();
            String typed = w.first();
            return FuzzyExpansion.expand(reader, wordsField(BODY), typed, typed.length() >= 8 ? 2 : 1, 1, MAX_EXPANSIONS)
                    .stream().filter(c -> !c.term().equals(typed)).toList();
        });
    }

    private Query inField(QueryWord word, String name, List<FuzzyExpansion.Candidate> expansion, boolean queryWord) {
        String all = field(name);
        String whole = wordsField(name);
        List<Query> options = new ArrayList<>(5);
        options.add(terms(whole, word.terms()));
        // the word inside the text's compounds; not for words so common that it says little (lapsi, kunta)
        if (ranking.inCompound() > 0 && !word.terms().stream().allMatch(t -> common(all, t))) {
            options.add(boost(terms(all, word.terms()), ranking.inCompound()));
        }
        if (word.parts().size() >= 2) {
            BooleanQuery.Builder every = new BooleanQuery.Builder();
            BooleanQuery.Builder some = new BooleanQuery.Builder();
            int rare = 0;
            for (String part : word.parts()) {
                Query p = part(all, part);
                every.add(p, Occur.MUST);
                // some of the parts: only the telling ones (a part in a tenth of the documents, like koulu- or
                // palvelu-, says little alone and makes the search scan most of a large index; in a long question,
                // whose other words carry it, a part in a fiftieth already does)
                if (!common(all, part, longQuestion ? LONG_QUESTION_PART_SHARE : COMMON_SHARE)) {
                    some.add(p, Occur.SHOULD);
                    rare++;
                }
            }
            options.add(boost(every.build(), ranking.compound()));
            if (queryWord && ranking.partial() > 0 && rare > 0) options.add(boost(some.build(), ranking.partial()));
        }
        if (!expansion.isEmpty()) {
            List<Query> near = new ArrayList<>(expansion.size());
            int length = word.first().length();
            for (FuzzyExpansion.Candidate c : expansion) near.add(boost(new TermQuery(new Term(whole, c.term())), c.similarity(length)));
            options.add(boost(new DisjunctionMaxQuery(near, 0f), ranking.fuzzy()));
        }
        return options.size() == 1 ? options.get(0) : new DisjunctionMaxQuery(options, 0f);
    }

    /** A compound part, or any of its one-word synonyms ({@code talterapeut}: tal + terapeut or terapi). */
    private Query part(String field, String part) {
        List<String> terms = new ArrayList<>();
        terms.add(part);
        for (List<QueryWord> alternative : synonyms.alternativesOf(part)) {
            if (alternative.size() == 1) terms.addAll(alternative.get(0).terms());
        }
        return terms(field, terms.stream().distinct().toList());
    }

    private static Query terms(String field, List<String> terms) {
        if (terms.size() == 1) return new TermQuery(new Term(field, terms.get(0)));
        SynonymQuery.Builder synonyms = new SynonymQuery.Builder(field);
        for (String t : terms) synonyms.addTerm(new Term(field, t));
        return synonyms.build();
    }

    /** In more than a tenth of the documents (and more than a thousand). */
    private boolean common(String field, String term) {
        return common(field, term, COMMON_SHARE);
    }

    /** In more than the share of the documents (and more than a thousand). */
    private boolean common(String field, String term, double share) {
        try {
            int df = reader.docFreq(new Term(field, term));
            return df > COMMON_MIN_DOCS && df > reader.maxDoc() * share;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unknown to the morphology, or none of its base forms occurs in the index: a likely typo. */
    private boolean needsFuzzy(QueryWord word) {
        if (word.first().length() < 4) return false;
        if (word.unknown()) return true;
        try {
            String body = field(BODY);
            String title = field(TITLE);
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
