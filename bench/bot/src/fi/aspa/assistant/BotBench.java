package fi.aspa.assistant;

import fi.aspa.platform.OrganizationId;
import fi.aspa.search.BotBenchIndex;
import fi.aspa.search.DocumentType;
import fi.aspa.search.PtvCorpus;
import fi.aspa.search.SearchDocument;
import fi.aspa.search.SearchIndex;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The chatbot on the Service Catalogue: the 458 PTV services indexed as public articles, one article per service group
 * (the group's canonical service's texts, id = the group id the judgements use), and the questions of the search
 * benchmark with their relevance judgements. Each question gets the bot's decision:
 * <ul>
 *   <li>answered correctly: the quoted source is judged relevant to the question (grade 1 or 2; "strict": grade 2)</li>
 *   <li>clarified: the bot asked which of two (and whether one of them was relevant)</li>
 *   <li>handed over: not confident</li>
 *   <li>answered wrongly: the quoted source is not judged relevant</li>
 * </ul>
 * A sweep over the two thresholds (confidence and closeness) on the development questions shows the trade-off; the
 * chosen defaults are then checked on the held-out set ({@code search-queries-aspa.jsonl}). Usage:
 * {@code bench/bot/run} (prints Markdown; per-question decisions to {@code bench/results/raw/bot/}).
 */
public final class BotBench {
    record Outcome(int n, int correct, int strict, int clarified, int clarifiedRelevant, int handedOver, int wrong) {
        double share(int k) {
            return n == 0 ? 0 : 100.0 * k / n;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> groups = PtvCorpus.groups();
        OrganizationId org = new OrganizationId(UUID.randomUUID());
        List<SearchDocument> articles = new ArrayList<>();
        for (SearchDocument d : PtvCorpus.documents(org)) {
            if (!d.id().equals(groups.getOrDefault(d.id(), d.id()))) continue; // one article per group: the canonical service
            articles.add(new SearchDocument(d.id(), org, DocumentType.ARTICLE, d.language(), d.title(), d.body(), d.keywords(),
                    d.facets(), d.visibility(), d.updatedAt()));
        }
        SearchIndex index = BotBenchIndex.inMemory();
        index.rebuild(org, articles.stream());
        System.out.printf("corpus: %d article versions (%d articles), Finnish analysis: %s%n%n", articles.size(),
                articles.stream().map(SearchDocument::id).distinct().count(), BotBenchIndex.finnishMorphology(index));

        List<PtvCorpus.Query> dev = PtvCorpus.queries("search-queries-dev.jsonl");
        List<PtvCorpus.Query> heldOut = PtvCorpus.queries("search-queries-aspa.jsonl");
        AnswerFinder.Thresholds chosen = AnswerFinder.Thresholds.DEFAULT;

        System.out.println("## Sweep on the development questions (" + dev.size() + ")");
        System.out.println();
        System.out.println("| min confidence | close ratio | answered correctly | clarified | handed over | answered wrongly |");
        System.out.println("|---|---|---|---|---|---|");
        for (float min : new float[] {0.3f, 0.6f, 0.8f, 0.9f, 1.0f, 1.1f, 1.2f, 1.4f, 1.8f}) {
            for (float close : new float[] {0.8f, 0.85f, 0.9f}) {
                Outcome o = run(index, org, dev, groups, new AnswerFinder.Thresholds(min, close, chosen.pageBoost(), false), null);
                System.out.printf(Locale.ROOT, "| %.1f | %.2f | %.0f %% | %.0f %% | %.0f %% | %.0f %% |%n", min, close, o.share(o.correct()),
                        o.share(o.clarified()), o.share(o.handedOver()), o.share(o.wrong()));
            }
        }
        Path raw = Path.of("bench/results/raw/bot");
        Files.createDirectories(raw);
        System.out.println();
        System.out.printf(Locale.ROOT, "## The defaults (min confidence %.1f, close ratio %.2f)%n%n", chosen.minScore(), chosen.closeRatio());
        System.out.println("| questions | n | answered correctly (strict) | clarified (a relevant one offered) | handed over | answered wrongly |");
        System.out.println("|---|---|---|---|---|---|");
        for (var set : List.of(Map.entry("development", dev), Map.entry("held-out (aspa)", heldOut))) {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(raw.resolve(set.getKey().startsWith("dev") ? "dev.txt" : "aspa.txt")))) {
                Outcome o = run(index, org, set.getValue(), groups, new AnswerFinder.Thresholds(chosen.minScore(), chosen.closeRatio(),
                        chosen.pageBoost(), false), out);
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f %% (%.0f %%) | %.0f %% (%.0f %%) | %.0f %% | %.0f %% |%n", set.getKey(), o.n(),
                        o.share(o.correct()), o.share(o.strict()), o.share(o.clarified()), o.share(o.clarifiedRelevant()),
                        o.share(o.handedOver()), o.share(o.wrong()));
            }
        }
        ((AutoCloseable) index).close();
    }

    static Outcome run(SearchIndex index, OrganizationId org, List<PtvCorpus.Query> queries, Map<String, String> groups,
                       AnswerFinder.Thresholds thresholds, PrintWriter out) {
        AnswerFinder finder = new AnswerFinder(index, thresholds);
        int correct = 0, strict = 0, clarified = 0, clarifiedRelevant = 0, handedOver = 0, wrong = 0;
        for (PtvCorpus.Query q : queries) {
            AnswerFinder.Decision d = finder.decide(org, q.language(), q.text(), null);
            List<String> ids = d.candidates().stream().map(c -> groups.getOrDefault(c.hit().id(), c.hit().id())).toList();
            String verdict;
            switch (d.kind()) {
                case ANSWER -> {
                    int grade = q.relevant().getOrDefault(ids.getFirst(), 0);
                    if (grade > 0) {
                        correct++;
                        if (grade == 2) strict++;
                        verdict = "correct";
                    } else {
                        wrong++;
                        verdict = "WRONG";
                    }
                }
                case CLARIFY -> {
                    clarified++;
                    boolean any = ids.stream().anyMatch(id -> q.relevant().getOrDefault(id, 0) > 0);
                    if (any) clarifiedRelevant++;
                    verdict = any ? "clarify (relevant offered)" : "clarify (none relevant)";
                }
                default -> {
                    handedOver++;
                    verdict = "hand-over";
                }
            }
            if (out != null) {
                out.printf(Locale.ROOT, "%s [%s] %s -> %s %s%n", q.id(), q.language().code(), q.text(), verdict,
                        d.candidates().stream().limit(2).map(c -> String.format(Locale.ROOT, "%s %.2f (%.2f)", c.hit().title(), c.score(),
                                finder.confidence(org, c))).toList());
            }
        }
        return new Outcome(queries.size(), correct, strict, clarified, clarifiedRelevant, handedOver, wrong);
    }
}
