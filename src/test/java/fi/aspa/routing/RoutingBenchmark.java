package fi.aspa.routing;

import fi.aspa.catalogue.CatalogueService;
import fi.aspa.catalogue.CatalogueTexts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
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
        return helsinkiCatalogue(true);
    }

    /** With {@code aspaKeywords} false: the city's service list as published, with its own two or three keywords. */
    static List<Example> helsinkiCatalogue(boolean aspaKeywords) {
        List<Example> examples = new ArrayList<>();
        for (CatalogueService s : CatalogueTexts.helsinki(aspaKeywords)) examples.addAll(ServiceClassifier.examples(s, s.open311Code()));
        return examples;
    }

    /** The demo organization's whole catalogue: the 458 national services and the ten Helsinki ones. */
    static List<Example> demoCatalogue() {
        List<Example> examples = new ArrayList<>(helsinkiCatalogue());
        for (CatalogueService s : CatalogueTexts.ptv()) examples.addAll(ServiceClassifier.examples(s, s.ptvId().toString()));
        return examples;
    }

    /**
     * The demo organization's routing history ({@link RoutingDemoData}): 600 example requests written from the service
     * list alone, labelled by Open311 code. Always in the training data where a row says "demo history".
     */
    static List<Example> demoHistory() {
        List<Example> history = new ArrayList<>();
        RoutingDemoData.examples().forEach((code, byLanguage) -> byLanguage.values()
                .forEach(texts -> texts.forEach(t -> history.add(new Example(code, t)))));
        return history;
    }

    static List<Example> with(List<Example> first, List<Example> second) {
        List<Example> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
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

    /**
     * How often readers who saw only the city's service list and each request's text chose the city's label
     * ({@code bench/routing/annotation/reader-*.jsonl}, made with {@code bench/routing/annotation.py}): what the
     * text itself supports, against which the classifier's accuracy and the targets can be read.
     */
    static SortedMap<String, Accuracy> readers(List<Labelled> requests) {
        SortedMap<String, Accuracy> readers = new TreeMap<>();
        Path dir = Path.of("bench/routing/annotation");
        if (!Files.isDirectory(dir)) return readers;
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("reader-.*\\.jsonl")).toList()) {
                Map<String, List<Scored>> ranking = new HashMap<>();
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) continue;
                    JsonNode r = JSON.readTree(line);
                    List<Scored> ranked = new ArrayList<>();
                    for (JsonNode code : r.get("ranking")) ranked.add(new Scored(code.asString(), 1.0 / (ranked.size() + 1)));
                    ranking.put(r.get("service_request_id").asString(), ranked);
                }
                if (!ranking.keySet().equals(requests.stream().map(Labelled::id).collect(Collectors.toSet()))) {
                    throw new IllegalStateException(file + " does not rank every request once");
                }
                String name = file.getFileName().toString().replace(".jsonl", "").replace('-', ' ');
                readers.put(name, accuracy(requests, requests.stream().map(r -> ranking.get(r.id())).toList()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return readers;
    }

    /** "share routed | top-1 of those routed" at a confidence threshold. */
    private static String triage(List<Labelled> requests, List<List<Scored>> rankings, double threshold) {
        int routed = 0, right = 0;
        for (int i = 0; i < requests.size(); i++) {
            Scored best = rankings.get(i).getFirst();
            if (best.confidence() >= threshold) {
                routed++;
                if (best.label().equals(requests.get(i).label())) right++;
            }
        }
        return String.format(Locale.ROOT, "%.0f %% | %s", 100.0 * routed / requests.size(),
                routed == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * right / routed));
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
        record Row(String model, String candidates, List<Example> catalogue, Function<List<Example>, TextClassifier> trainer) {}
        List<Example> published = helsinkiCatalogue(false);
        String baseline = "baseline: char_wb 1–5-gram TF-IDF nearest centroid";
        String aspa = "Aspa: complement NB, TF-IDF words + prefixes + char n-grams";
        List<Example> history = demoHistory();
        String withHistory = "10 Helsinki services, demo keywords + demo history (" + history.size() + " example requests)";
        for (Row row : List.of(
                new Row(baseline, "10 Helsinki services, the city's keywords", published, RoutingBenchmark::baseline),
                new Row(baseline, "10 Helsinki services, demo keywords", helsinki, RoutingBenchmark::baseline),
                new Row(baseline, withHistory, with(helsinki, history), RoutingBenchmark::baseline),
                new Row(aspa, "10 Helsinki services, the city's keywords", published, RoutingBenchmark::production),
                new Row(aspa, "10 Helsinki services, demo keywords", helsinki, RoutingBenchmark::production),
                new Row(aspa, withHistory, with(helsinki, history), RoutingBenchmark::production))) {
            for (String evaluation : List.of("leave-one-out", "5-fold", "catalogue text only (zero history)")) {
                int folds = evaluation.equals("leave-one-out") ? n : evaluation.equals("5-fold") ? 5 : 1;
                String shown = folds == 1 && row.candidates().contains("history") ? "demo history, none of the 99" : evaluation;
                out.append("| ").append(row.model()).append(" | ").append(row.candidates()).append(" | ").append(shown)
                        .append(" | ").append(crossValidate(row.catalogue(), requests, folds, folds > 1, row.trainer())).append(" |\n");
            }
        }
        out.append("| Aspa | 468 (demo catalogue: 458 PTV + 10 Helsinki) | 5-fold | ")
                .append(crossValidate(demo, requests, 5, true, RoutingBenchmark::production)).append(" |\n");
        out.append("| Aspa | 468 (demo catalogue: 458 PTV + 10 Helsinki) | catalogue text only (zero history) | ")
                .append(crossValidate(demo, requests, 1, false, RoutingBenchmark::production)).append(" |\n");
        out.append("| Aspa | 468 (demo catalogue) + demo history | 5-fold | ")
                .append(crossValidate(with(demo, history), requests, 5, true, RoutingBenchmark::production)).append(" |\n");
        out.append("| Aspa | 468 (demo catalogue) + demo history | demo history, none of the 99 | ")
                .append(crossValidate(with(demo, history), requests, 1, false, RoutingBenchmark::production)).append(" |\n");

        readers(requests).forEach((reader, accuracy) -> out.append("| ").append(reader)
                .append(" (blind annotation: read the city's service list and each text, no training) | 10 Helsinki services | each request read once | ")
                .append(accuracy).append(" |\n"));

        List<Example> everything = new ArrayList<>(helsinki);
        for (Labelled r : requests) everything.add(new Example(r.label(), r.text()));
        for (Row row : List.of(new Row("baseline", "", helsinki, RoutingBenchmark::baseline),
                new Row("Aspa", "", helsinki, RoutingBenchmark::production))) {
            TextClassifier resubstituted = row.trainer().apply(everything);
            out.append("| ").append(row.model()).append(" | 10 Helsinki services, demo keywords | NOT honest, for comparison only: tested on its own training data | ")
                    .append(accuracy(requests, requests.stream().map(r -> resubstituted.rank(r.text())).toList())).append(" |\n");
        }

        out.append("\nTriage: a case is routed only when the top confidence reaches the threshold (leave-one-out with the 10 services, "
                + "5-fold with the 468 of the demo catalogue; \"+ history\": with the demo history, as the demo organization has it).\n\n");
        out.append("| threshold | 10 services: routed automatically | top-1 of those routed | 468 services: routed automatically | top-1 of those routed "
                + "| 10 + history: routed | top-1 of those | 468 + history: routed | top-1 of those |\n|---|---|---|---|---|---|---|---|---|\n");
        List<List<Scored>> loo = heldOut(helsinki, requests, n, true, RoutingBenchmark::production);
        List<List<Scored>> wide = heldOut(demo, requests, 5, true, RoutingBenchmark::production);
        List<List<Scored>> looHistory = heldOut(with(helsinki, history), requests, n, true, RoutingBenchmark::production);
        List<List<Scored>> wideHistory = heldOut(with(demo, history), requests, 5, true, RoutingBenchmark::production);
        for (double t : new double[]{0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
            out.append(String.format(Locale.ROOT, "| %.1f%s | %s | %s | %s | %s |%n", t,
                    Math.abs(t - ServiceClassifier.TRIAGE_THRESHOLD) < 1e-9 ? " (Aspa's)" : "", triage(requests, loo, t),
                    triage(requests, wide, t), triage(requests, looHistory, t), triage(requests, wideHistory, t)));
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
