package fi.aspa.search;

import fi.aspa.platform.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Coordinate search over the ranking weights on the development query set only (the other set is never
 * consulted): each weight in turn takes the value that maximizes (MRR@10 + nDCG@10) / 2, twice round.
 */
public final class RankingSweep {
    private static final float[][] VALUES = {
            {1f, 1.5f, 2f, 3f, 4f},            // title
            {0.5f, 1f, 1.5f, 2f},              // keywords
            {1f},                              // body (the reference)
            {0f, 0.1f, 0.3f, 0.5f, 1f},        // fieldTie
            {0f, 0.2f, 0.4f, 0.6f, 0.8f},      // inCompound
            {0.3f, 0.5f, 0.6f, 0.8f, 1f},      // compound
            {0f, 0.1f, 0.15f, 0.3f},           // partial
            {0.5f, 0.7f, 0.8f, 1f},            // synonym
            {0.2f, 0.4f, 0.6f, 0.8f, 1f}};     // fuzzy

    public static void main(String[] args) {
        boolean voikko = !List.of(args).contains("--lexicon");
        TextAnalysis analysis = TextAnalysis.create(voikko, 2);
        OrganizationId org = new OrganizationId(UUID.randomUUID());
        List<SearchDocument> docs = PtvCorpus.documents(org);
        List<PtvCorpus.Query> queries = PtvCorpus.queries("search-queries-dev.jsonl");
        Map<String, String> groups = PtvCorpus.groups();
        float[] best = values(Ranking.DEFAULT);
        double bestScore = score(analysis, org, docs, queries, groups, best);
        System.out.printf("start %s -> %.4f%n", java.util.Arrays.toString(best), bestScore);
        for (int round = 0; round < 2; round++) {
            for (int p = 0; p < VALUES.length; p++) {
                for (float v : VALUES[p]) {
                    float[] candidate = best.clone();
                    candidate[p] = v;
                    double s = score(analysis, org, docs, queries, groups, candidate);
                    if (s > bestScore + 1e-9) {
                        bestScore = s;
                        best = candidate;
                        System.out.printf("  %s -> %.4f%n", java.util.Arrays.toString(best), bestScore);
                    }
                }
            }
        }
        System.out.printf("best %s -> %.4f%n", java.util.Arrays.toString(best), bestScore);
    }

    private static float[] values(Ranking r) {
        return new float[] {r.title(), r.keywords(), r.body(), r.fieldTie(), r.inCompound(), r.compound(), r.partial(), r.synonym(), r.fuzzy()};
    }

    private static double score(TextAnalysis analysis, OrganizationId org, List<SearchDocument> docs, List<PtvCorpus.Query> queries,
                                Map<String, String> groups, float[] v) {
        Ranking ranking = new Ranking(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
        LuceneSearchIndex index = new LuceneSearchIndex(null, analysis, new ClasspathSynonyms(), ranking, 2);
        index.rebuild(org, docs.stream());
        Relevance.Scores s = Relevance.evaluate("x", queries, groups, q -> index.search(
                new SearchQuery(org, q.text(), q.language(), Set.of(DocumentType.SERVICE), Set.of(Visibility.PUBLIC), Map.of(), 50, false))
                .hits().stream().map(SearchHit::id).toList());
        return (s.mrr10() + s.ndcg10()) / 2;
    }
}
