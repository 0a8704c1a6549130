package fi.aspa.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Scores a ranking function on graded queries: nDCG@10 (gain 2^grade − 1), MRR@10 (first hit of grade ≥ 1)
 * and recall@5 (share of the relevant groups in the first five). Hits are mapped to their group and each group
 * counts once, at its best rank.
 */
public final class Relevance {

    public record PerQuery(PtvCorpus.Query query, List<String> top, double ndcg10, double rr10, double recall5) {}

    public record Scores(String name, List<PerQuery> perQuery) {
        public double ndcg10() {
            return perQuery.stream().mapToDouble(PerQuery::ndcg10).average().orElse(0);
        }

        public double mrr10() {
            return perQuery.stream().mapToDouble(PerQuery::rr10).average().orElse(0);
        }

        public double recall5() {
            return perQuery.stream().mapToDouble(PerQuery::recall5).average().orElse(0);
        }

        public Scores only(java.util.function.Predicate<PtvCorpus.Query> which) {
            return new Scores(name, perQuery.stream().filter(p -> which.test(p.query())).toList());
        }

        @Override
        public String toString() {
            return String.format("%s: nDCG@10 %.3f, MRR@10 %.3f, recall@5 %.3f (%d queries)", name, ndcg10(), mrr10(), recall5(), perQuery.size());
        }
    }

    private Relevance() {}

    /** @param ranking ranked document ids for a query (duplicates allowed; they are merged by group) */
    public static Scores evaluate(String name, List<PtvCorpus.Query> queries, Map<String, String> groups,
                                  Function<PtvCorpus.Query, List<String>> ranking) {
        List<PerQuery> out = new ArrayList<>();
        for (PtvCorpus.Query q : queries) {
            Set<String> seen = new LinkedHashSet<>();
            for (String id : ranking.apply(q)) {
                seen.add(groups.getOrDefault(id, id));
                if (seen.size() == 10) break;
            }
            List<String> top = List.copyOf(seen);
            Map<String, Integer> relevant = new java.util.HashMap<>();
            q.relevant().forEach((id, grade) -> relevant.merge(groups.getOrDefault(id, id), grade, Math::max));
            double dcg = 0;
            double rr = 0;
            int found5 = 0;
            for (int i = 0; i < top.size(); i++) {
                int grade = relevant.getOrDefault(top.get(i), 0);
                dcg += (Math.pow(2, grade) - 1) / (Math.log(i + 2) / Math.log(2));
                if (grade > 0 && rr == 0) rr = 1.0 / (i + 1);
                if (grade > 0 && i < 5) found5++;
            }
            List<Integer> ideal = relevant.values().stream().sorted(java.util.Comparator.reverseOrder()).toList();
            double idcg = 0;
            for (int i = 0; i < Math.min(10, ideal.size()); i++) idcg += (Math.pow(2, ideal.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
            out.add(new PerQuery(q, top, idcg == 0 ? 0 : dcg / idcg, rr, relevant.isEmpty() ? 0 : (double) found5 / relevant.size()));
        }
        return new Scores(name, out);
    }
}
