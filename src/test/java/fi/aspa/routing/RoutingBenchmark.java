package fi.aspa.routing;

import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.CatalogueTexts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routing accuracy and latency on the 99 labelled Helsinki feedback requests (bench/routing/README.md).
 * Honest evaluation: every request is classified by a model that never saw it (leave-one-out and 5-fold
 * cross-validation; the other requests are the organization's "history"), the catalogue text is always there.
 * Zero history: the catalogue text alone. Run: {@code bench/routing/run.sh}.
 */
public final class RoutingBenchmark {
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Labelled(String id, String label, String text) {}

    record Accuracy(double top1, double top3, int n) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f %% | %.1f %%", 100 * top1, 100 * top3);
        }
    }

    /** The ten Helsinki services as training examples labelled by Open311 code, as production builds them. */
    static List<Example> helsinkiCatalogue() {
        List<Example> examples = new ArrayList<>();
        for (CatalogueService s : CatalogueTexts.helsinki()) examples.addAll(ServiceClassifier.examples(s, s.open311Code()));
        return examples;
    }

    /** The demo organization's whole catalogue: the 458 national services and the ten Helsinki ones. */
    static List<Example> demoCatalogue() {
        List<Example> examples = new ArrayList<>(helsinkiCatalogue());
        for (CatalogueService s : CatalogueTexts.ptv()) examples.addAll(ServiceClassifier.examples(s, s.ptvId().toString()));
        return examples;
    }

    static List<Labelled> requests() {
        return requests(false);
    }

    /**
     * The labelled requests; with {@code untruncated}, a title that is only the cut-off start of the description
     * ("Liikennemerkki kaatumassa P...") is left out so that those words are not counted twice (a diagnostic).
     */
    static List<Labelled> requests(boolean untruncated) {
        List<Labelled> rows = new ArrayList<>();
        try (InputStream in = RoutingBenchmark.class.getResourceAsStream("/data/open311-helsinki-dev.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                JsonNode r = JSON.readTree(line);
                String title = r.get("title").asString();
                String description = r.get("description").asString();
                boolean cut = title.endsWith("...") && description.startsWith(title.substring(0, title.length() - 3).strip());
                rows.add(new Labelled(r.get("service_request_id").asString(), r.get("service_code").asString(),
                        untruncated && cut ? description : title + "\n" + description));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The ranking of every request by a model trained without it; folds by position in the file (k = n: leave-one-out). */
    static List<List<Scored>> heldOut(List<Example> catalogue, List<Labelled> requests, int folds, boolean history,
                                      Function<List<Example>, TextClassifier> trainer) {
        List<List<Scored>> rankings = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) rankings.add(null);
        for (int fold = 0; fold < folds; fold++) {
            List<Example> training = new ArrayList<>(catalogue);
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                Labelled r = requests.get(i);
                if (i % folds == fold) test.add(i);
                else if (history) training.add(new Example(r.label(), r.text()));
            }
            if (test.isEmpty()) continue;
            TextClassifier classifier = trainer.apply(training);
            for (int i : test) rankings.set(i, classifier.rank(requests.get(i).text()));
        }
        return rankings;
    }

    static Accuracy accuracy(List<Labelled> requests, List<List<Scored>> rankings) {
        int top1 = 0, top3 = 0;
        for (int i = 0; i < requests.size(); i++) {
            String label = requests.get(i).label();
            List<Scored> ranked = rankings.get(i);
            if (!ranked.isEmpty() && ranked.getFirst().label().equals(label)) top1++;
            if (ranked.stream().limit(3).anyMatch(s -> s.label().equals(label))) top3++;
        }
        return new Accuracy((double) top1 / requests.size(), (double) top3 / requests.size(), requests.size());
    }

    static Accuracy crossValidate(List<Example> catalogue, List<Labelled> requests, int folds, boolean history,
                                  Function<List<Example>, TextClassifier> trainer) {
        return accuracy(requests, heldOut(catalogue, requests, folds, history, trainer));
    }

    static TextClassifier production(List<Example> examples) {
        return new ServiceClassifier(examples);
    }

    /**
     * The naive baseline of the issue, as a data scientist would build it: character 1–5-grams within white-space
     * tokens (scikit-learn's {@code char_wb}), sublinear TF-IDF, unit length, one centroid per service, cosine.
     */
    static TextClassifier baseline(List<Example> examples) {
        return new NearestCentroid(examples, TextFeatures::charWb, true);
    }

    /**
     * The baseline of sessions 3–4, kept for comparison: raw counts of in-word 3–5-grams of letter-only words, stop
     * words dropped, no IDF. It was handicapped against {@link #baseline}: 45.5 % / 68.7 % against 50.5 % / 76.8 %.
     */
    static TextClassifier previousBaseline(List<Example> examples) {
        return new NearestCentroid(examples, TextFeatures::charGrams, false);
    }

    /** Milliseconds per classification over every request, after a warm-up. */
    static double[] latency(TextClassifier classifier, List<Labelled> requests, int rounds) {
        for (int w = 0; w < 5; w++) for (Labelled r : requests) classifier.rank(r.text());
        double[] ms = new double[rounds * requests.size()];
        int k = 0;
        for (int round = 0; round < rounds; round++) {
            for (Labelled r : requests) {
                long start = System.nanoTime();
                classifier.rank(r.text());
                ms[k++] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        return new double[]{ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1], ms[ms.length - 1]};
    }

    public static void main(String[] args) {
        List<Example> helsinki = helsinkiCatalogue();
        List<Example> demo = demoCatalogue();
        List<Labelled> requests = requests();
        int n = requests.size();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Routing benchmark: %d labelled Helsinki requests, %d Open311 services "
                + "(%d catalogue examples); demo catalogue %d examples; model %s%n%n", n, 10, helsinki.size(), demo.size(),
                ServiceClassifier.MODEL));
        out.append("| model | candidates | evaluation | top-1 | top-3 |\n|---|---|---|---|---|\n");
        record Row(String model, Function<List<Example>, TextClassifier> trainer) {}
        for (Row row : List.of(new Row("baseline: char_wb 1–5-gram TF-IDF nearest centroid", RoutingBenchmark::baseline),
                new Row("Aspa: complement NB, TF-IDF words + prefixes + char n-grams", RoutingBenchmark::production))) {
            out.append("| ").append(row.model()).append(" | 10 Helsinki services | leave-one-out | ")
                    .append(crossValidate(helsinki, requests, n, true, row.trainer())).append(" |\n");
            out.append("| ").append(row.model()).append(" | 10 Helsinki services | 5-fold | ")
                    .append(crossValidate(helsinki, requests, 5, true, row.trainer())).append(" |\n");
            out.append("| ").append(row.model()).append(" | 10 Helsinki services | catalogue text only (zero history) | ")
                    .append(crossValidate(helsinki, requests, 1, false, row.trainer())).append(" |\n");
        }
        out.append("| Aspa | 468 (demo catalogue: 458 PTV + 10 Helsinki) | 5-fold | ")
                .append(crossValidate(demo, requests, 5, true, RoutingBenchmark::production)).append(" |\n");
        out.append("| Aspa | 468 (demo catalogue: 458 PTV + 10 Helsinki) | catalogue text only (zero history) | ")
                .append(crossValidate(demo, requests, 1, false, RoutingBenchmark::production)).append(" |\n");

        List<Example> everything = new ArrayList<>(helsinki);
        for (Labelled r : requests) everything.add(new Example(r.label(), r.text()));
        for (Row row : List.of(new Row("baseline", RoutingBenchmark::baseline), new Row("Aspa", RoutingBenchmark::production))) {
            TextClassifier resubstituted = row.trainer().apply(everything);
            out.append("| ").append(row.model()).append(" | 10 Helsinki services | NOT honest, for comparison only: tested on its own training data | ")
                    .append(accuracy(requests, requests.stream().map(r -> resubstituted.rank(r.text())).toList())).append(" |\n");
        }

        out.append("\nTriage (leave-one-out, 10 services): a case is routed only when the top confidence reaches the threshold.\n\n");
        out.append("| threshold | routed automatically | top-1 of those routed |\n|---|---|---|\n");
        List<List<Scored>> loo = heldOut(helsinki, requests, n, true, RoutingBenchmark::production);
        for (double t : new double[]{0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
            int routed = 0, right = 0;
            for (int i = 0; i < n; i++) {
                Scored best = loo.get(i).getFirst();
                if (best.confidence() >= t) {
                    routed++;
                    if (best.label().equals(requests.get(i).label())) right++;
                }
            }
            out.append(String.format(Locale.ROOT, "| %.1f%s | %.0f %% | %s |%n", t,
                    Math.abs(t - ServiceClassifier.TRIAGE_THRESHOLD) < 1e-9 ? " (Aspa's)" : "", 100.0 * routed / n,
                    routed == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * right / routed)));
        }

        List<Example> all = new ArrayList<>(helsinki);
        List<Example> allDemo = new ArrayList<>(demo);
        for (Labelled r : requests) {
            all.add(new Example(r.label(), r.text()));
            allDemo.add(new Example(r.label(), r.text()));
        }
        long start = System.nanoTime();
        TextClassifier small = production(all);
        double trainSmall = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        TextClassifier large = production(allDemo);
        double trainLarge = (System.nanoTime() - start) / 1e6;
        double[] s = latency(small, requests, 50);
        double[] l = latency(large, requests, 20);
        out.append("\nLatency of one classification (single thread, after warm-up; title + description of each request):\n\n");
        out.append("| candidates | training | p50 | p99 | max |\n|---|---|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| 10 services + 99 history | %.0f ms | %.3f ms | %.3f ms | %.3f ms |%n", trainSmall, s[0], s[1], s[2]));
        out.append(String.format(Locale.ROOT, "| 468 services + 99 history | %.0f ms | %.3f ms | %.3f ms | %.3f ms |%n", trainLarge, l[0], l[1], l[2]));
        System.out.println(out);
    }
}
