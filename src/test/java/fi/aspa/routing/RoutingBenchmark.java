package fi.aspa.routing;

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
 * Routing accuracy and latency on the labelled Helsinki feedback requests (see bench/routing/README.md).
 * Honest evaluation: every request is classified by a model that never saw it (leave-one-out and 5-fold
 * cross-validation); "history" is the other requests, the catalogue text is always there.
 */
public final class RoutingBenchmark {
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Labelled(String id, String label, String text) {}

    record Accuracy(double top1, double top3, int n) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "top-1 %.1f %%, top-3 %.1f %% (n=%d)", 100 * top1, 100 * top3, n);
        }
    }

    static List<Example> catalogue() {
        List<Example> examples = new ArrayList<>();
        try (InputStream in = RoutingBenchmark.class.getResourceAsStream("/data/open311-helsinki-services.json")) {
            JsonNode root = JSON.readTree(in);
            for (JsonNode s : root.get("services")) {
                String text = s.get("service_name").asString() + ". " + s.get("description").asString() + " "
                        + s.get("keywords").asString().replace(",", " ") + ". " + s.get("group").asString();
                examples.add(new Example(s.get("service_code").asString(), text));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return examples;
    }

    static List<Labelled> requests() {
        List<Labelled> rows = new ArrayList<>();
        try (InputStream in = RoutingBenchmark.class.getResourceAsStream("/data/open311-helsinki-dev.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                JsonNode r = JSON.readTree(line);
                rows.add(new Labelled(r.get("service_request_id").asString(), r.get("service_code").asString(),
                        r.get("title").asString() + "\n" + r.get("description").asString()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** k-fold cross-validation (k = n: leave-one-out); folds by position in the file, which is in time order. */
    static Accuracy crossValidate(List<Example> catalogue, List<Labelled> requests, int folds, boolean history,
                                  Function<List<Example>, TextClassifier> trainer) {
        int top1 = 0, top3 = 0;
        for (int fold = 0; fold < folds; fold++) {
            List<Example> training = new ArrayList<>(catalogue);
            List<Labelled> test = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                Labelled r = requests.get(i);
                if (i % folds == fold) test.add(r);
                else if (history) training.add(new Example(r.label(), r.text()));
            }
            TextClassifier classifier = trainer.apply(training);
            for (Labelled r : test) {
                List<Scored> ranked = classifier.rank(r.text());
                if (!ranked.isEmpty() && ranked.getFirst().label().equals(r.label())) top1++;
                if (ranked.stream().limit(3).anyMatch(s -> s.label().equals(r.label()))) top3++;
            }
        }
        return new Accuracy((double) top1 / requests.size(), (double) top3 / requests.size(), requests.size());
    }

    public static void main(String[] args) {
        List<Example> catalogue = catalogue();
        List<Labelled> requests = requests();
        record Candidate(String name, Function<List<Example>, TextClassifier> trainer) {}
        List<Candidate> candidates = List.of(
                new Candidate("baseline centroid char", ex -> new NearestCentroid(ex, TextFeatures::charGrams, false)),
                new Candidate("centroid tfidf", ex -> new NearestCentroid(ex, TextFeatures::of, true)),
                new Candidate("NB", ex -> new NaiveBayes(ex, TextFeatures::of, 0.01, false, 1.0)),
                new Candidate("CNB", ex -> new NaiveBayes(ex, TextFeatures::of, 0.01, true, 1.0)),
                new Candidate("LR", ex -> new LogisticRegression(ex, TextFeatures::of, 1e-4, 30, 0.5)));
        for (Candidate c : candidates) {
            System.out.println(c.name() + "  LOO " + crossValidate(catalogue, requests, requests.size(), true, c.trainer())
                    + "  5-fold " + crossValidate(catalogue, requests, 5, true, c.trainer())
                    + "  zero-history " + crossValidate(catalogue, requests, 1, false, c.trainer()));
        }
    }
}
